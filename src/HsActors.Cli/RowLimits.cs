using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Cli;

/// <summary>
/// The hidden quick-trial options (--limit-chapters, --max-rows): train or evaluate on a small, deterministic part of
/// the data, for tests and for trying things out in seconds. Never for a production model.
/// </summary>
public sealed record RowLimits(IReadOnlySet<HsCode> Chapters, int? MaxRows)
{
    public bool Any => Chapters.Count > 0 || MaxRows is not null;

    public IReadOnlyList<LabeledDescription> Apply(IEnumerable<LabeledDescription> rows)
    {
        var kept = Chapters.Count == 0 ? rows : rows.Where(r => Chapters.Contains(r.Code.Chapter));
        if (MaxRows is not { } max)
        {
            return [.. kept];
        }
        // Ordering by a stable hash is a sample spread over all chapters, unlike the first rows of a code-sorted corpus.
        return [.. kept.Select((r, i) => (Row: r, Key: StableHash.Of(r.Description + "\t" + r.Code.Digits), Index: i))
            .OrderBy(x => x.Key).ThenBy(x => x.Index).Take(max).OrderBy(x => x.Index).Select(x => x.Row)];
    }

    public string Describe() => string.Join(", ", new[]
    {
        Chapters.Count > 0 ? "chapters " + string.Join(",", Chapters.Order().Select(c => c.Digits)) : null,
        MaxRows is { } m ? $"at most {m:N0} rows" : null,
    }.OfType<string>());
}
