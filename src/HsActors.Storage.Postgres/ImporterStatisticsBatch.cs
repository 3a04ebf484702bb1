using HsActors.Abstractions.Statistics;

namespace HsActors.Storage.Postgres;

/// <summary>
/// The deltas of one write-behind transaction summed per row: one importer_totals row per importer (with the highest
/// assessment-stream offset among its deltas), one importer_tallies row per (importer, kind, key). Rows are sorted
/// ordinally so that every silo locks them in the same order, which keeps concurrent transactions from deadlocking.
/// </summary>
internal sealed class ImporterStatisticsBatch
{
    public const string CodeKind = "c";
    public const string ChapterKind = "h";
    public const string AgentKind = "a";
    public const string OriginKind = "o";

    private readonly SortedDictionary<string, TotalsRow> _totals = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(string Importer, string Kind, string Key), TallyRow> _tallies = new(TallyOrder.Instance);

    public IEnumerable<KeyValuePair<string, TotalsRow>> Totals => _totals;

    public IEnumerable<KeyValuePair<(string Importer, string Kind, string Key), TallyRow>> Tallies => _tallies;

    public int TotalsCount => _totals.Count;

    public int TalliesCount => _tallies.Count;

    public void Add(ImporterDelta delta)
    {
        // The database keeps microseconds; rounding here keeps "first/last seen" comparisons identical everywhere.
        var at = PostgresTime.ToStored(delta.At);
        _totals[delta.ImporterId] = _totals.TryGetValue(delta.ImporterId, out var totals)
            ? new TotalsRow(totals.Declarations + delta.Declarations, totals.Assessments + delta.Assessments,
                totals.Corrections + delta.Corrections, Min(totals.FirstSeen, at), Max(totals.LastSeen, at),
                Max(totals.AssessmentStreamOffset, delta.StreamOffset))
            : new TotalsRow(delta.Declarations, delta.Assessments, delta.Corrections, at, at, delta.StreamOffset);
        foreach (var (code, count) in delta.Codes)
        {
            AddTally(delta.ImporterId, CodeKind, code, count, at);
            // The chapter as ImporterStatistics.Apply derives it, so both stores agree on every key.
            AddTally(delta.ImporterId, ChapterKind, code.Length >= 2 ? code[..2] : code, count, at);
        }
        foreach (var (agent, count) in delta.Agents)
            AddTally(delta.ImporterId, AgentKind, agent, count, at);
        foreach (var (country, count) in delta.OriginCountries)
            AddTally(delta.ImporterId, OriginKind, country, count, at);
    }

    private void AddTally(string importer, string kind, string key, long count, DateTimeOffset at)
    {
        var id = (importer, kind, key);
        _tallies[id] = _tallies.TryGetValue(id, out var tally) ? new TallyRow(tally.Count + count, Max(tally.LastSeen, at)) : new TallyRow(count, at);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static long? Max(long? a, long? b) => a is { } x && b is { } y ? Math.Max(x, y) : a ?? b;

    public readonly record struct TotalsRow(
        long Declarations, long Assessments, long Corrections, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long? AssessmentStreamOffset);

    public readonly record struct TallyRow(long Count, DateTimeOffset LastSeen);

    private sealed class TallyOrder : IComparer<(string Importer, string Kind, string Key)>
    {
        public static readonly TallyOrder Instance = new();

        public int Compare((string Importer, string Kind, string Key) x, (string Importer, string Kind, string Key) y)
        {
            var order = string.CompareOrdinal(x.Importer, y.Importer);
            if (order == 0)
                order = string.CompareOrdinal(x.Kind, y.Kind);
            return order != 0 ? order : string.CompareOrdinal(x.Key, y.Key);
        }
    }
}
