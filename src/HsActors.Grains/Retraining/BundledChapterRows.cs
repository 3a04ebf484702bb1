using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Grains.Retraining;

/// <summary>The bundled corpus (nomenclature rows and HMRC references) grouped by chapter once per process: every retraining's base rows.</summary>
public static class BundledChapterRows
{
    private static readonly Lazy<Dictionary<string, LabeledDescription[]>> ByChapter = new(() =>
        BundledCorpus.All(HsNomenclature.Bundled)
            .GroupBy(r => r.Code.Chapter.Digits, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyList<LabeledDescription> Of(string chapter) => ByChapter.Value.GetValueOrDefault(chapter) ?? [];
}
