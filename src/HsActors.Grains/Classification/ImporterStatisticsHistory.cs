using HsActors.Abstractions.Statistics;
using HsActors.Classification.Importers;

namespace HsActors.Grains.Classification;

/// <summary>The importer grain's statistics as the history the re-ranking reads.</summary>
internal sealed class ImporterStatisticsHistory(ImporterStatistics statistics) : IImporterCodeHistory
{
    public long CodedDeclarations => statistics.CodedDeclarations;

    public long CodeCount(string digits) => Count(statistics.Codes, digits);

    public long CodesWithin(string prefix)
    {
        long count = 0;
        foreach (var (code, tally) in statistics.Codes)
        {
            if (code.StartsWith(prefix, StringComparison.Ordinal))
            {
                count += tally.Count;
            }
        }
        return count;
    }

    public long ChapterCount(string chapter) => Count(statistics.Chapters, chapter);

    private static long Count(IReadOnlyDictionary<string, KeyTally> tallies, string key) =>
        tallies.TryGetValue(key, out var tally) ? tally.Count : 0;
}
