using HsActors.Classification.Hierarchy;
using HsActors.Nomenclature;

namespace HsActors.Classification.Explanations;

/// <summary>
/// Which terms weighed most for a recommended code: for each term, its tf-idf value times the chapter model's weight
/// for the code's subheading (plus, for a national line, its subheading's line model's weight for that line); the strongest
/// positive ones. These are the terms' additive shares of the code's linear scores, before calibration.
/// </summary>
public static class TermExplainer
{
    public const int DefaultTermCount = 3;

    public static IReadOnlyList<TermContribution> Explain(DescriptionTerms terms, ChapterModel chapter, HsCode code, int count = DefaultTermCount)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(chapter);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (code.Level < 6 || code.Chapter != chapter.Chapter)
        {
            return [];
        }
        var index = ChapterCodeIndex.For(chapter);
        if (!index.Subheadings.TryGetValue(code.Truncate(6), out var subheading))
        {
            return [];
        }
        var lines = chapter.Lines[subheading];
        var line = code.Level >= 8 && lines.Model is not null ? lines.IndexOf(code.Truncate(8)) : -1;
        var best = new List<(int Feature, float Weight)>(count + 1);
        // The description's features ascend, so each map is searched onwards from the previous term's place.
        var chapterCursor = 0;
        var lineCursor = 0;
        for (var t = 0; t < terms.Features.Count; t++)
        {
            var feature = terms.Features[t];
            var weight = 0f;
            var local = chapter.Features.LocalId(feature, ref chapterCursor);
            if (local >= 0 && chapter.SubheadingModel is { } subheadings)
            {
                weight += subheadings.WeightRow(local)[subheading];
            }
            var lineLocal = line >= 0 ? lines.Features.LocalId(feature, ref lineCursor) : -1;
            if (lineLocal >= 0)
            {
                weight += lines.Model!.WeightRow(lineLocal)[line];
            }
            var contribution = terms.Values[t] * weight;
            if (contribution > 0f)
            {
                Insert(best, (feature, contribution), count);
            }
        }
        return [.. best.Select(b => new TermContribution(terms.TermOf(b.Feature), b.Weight))];
    }

    private static void Insert(List<(int Feature, float Weight)> best, (int Feature, float Weight) candidate, int count)
    {
        if (best.Count == count && candidate.Weight <= best[^1].Weight)
        {
            return;
        }
        var at = best.Count;
        while (at > 0 && best[at - 1].Weight < candidate.Weight)
        {
            at--;
        }
        best.Insert(at, candidate);
        if (best.Count > count)
        {
            best.RemoveAt(best.Count - 1);
        }
    }
}
