using System.Collections.Concurrent;
using HsActors.Classification.Maps;
using HsActors.Contracts;
using HsActors.Nomenclature;

namespace HsActors.Grains.Serving;

/// <summary>
/// The console's chapter map, projected from the weights this silo serves: the router's chapter weights for the map
/// of chapters, a chapter's subheading weights (summed per heading) for its headings. A projection is computed once
/// per model version and kept, so a promotion redraws the map and a busy console does not recompute it.
/// </summary>
public sealed class ChapterMapProjector(ModelCache models)
{
    public const string ChapterBasis =
        "classical MDS of the cosine similarity between the router's LinearSVC weight vectors, one per chapter";

    public const string HeadingBasis =
        "classical MDS of the cosine similarity between the chapter model's LinearSVC subheading weights, summed per heading";

    private readonly ConcurrentDictionary<string, Lazy<ChapterMap>> _maps = new(StringComparer.Ordinal);

    public ChapterMap Chapters()
    {
        var router = models.Classifier.Router;
        return Cached($"router/{router.Metadata.Version}", () =>
        {
            var chapters = router.Model.Chapters;
            var points = WeightSpaceMap.Project(router.Model.Model);
            return new ChapterMap(ChapterBasis, router.Metadata.Version, null, [.. chapters.Select((c, i) => Point(c, points[i]))]);
        });
    }

    /// <returns>Null when the chapter has no model on this silo's pointer.</returns>
    public async Task<ChapterMap?> HeadingsAsync(HsCode chapter)
    {
        var slot = await models.GetAsync(chapter.Digits).ConfigureAwait(false);
        if (slot.Current is not { } served)
        {
            return null;
        }
        return Cached($"{chapter.Digits}/{served.Metadata.Version}", () =>
        {
            var model = served.Model;
            var headings = model.Subheadings.Select(s => s.Digits[..4]).Distinct(StringComparer.Ordinal).ToList();
            var groupOfClass = model.Subheadings.Select(s => headings.IndexOf(s.Digits[..4])).ToArray();
            var points = model.SubheadingModel is { } weights && headings.Count > 1
                ? WeightSpaceMap.Project(weights, groupOfClass, headings.Count)
                : [.. headings.Select(_ => new double[WeightSpaceMap.Dimensions])];
            return new ChapterMap(HeadingBasis, served.Metadata.Version, chapter.Digits,
                [.. headings.Select((h, i) => Point(HsCode.Parse(h), points[i]))]);
        });
    }

    private ChapterMap Cached(string key, Func<ChapterMap> project) =>
        _maps.GetOrAdd(key, _ => new Lazy<ChapterMap>(project, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static MapPoint Point(HsCode code, double[] at)
    {
        var nomenclature = HsNomenclature.Bundled;
        var known = nomenclature.TryGet(code, out var entry);
        var section = known ? entry.Section : "";
        return new MapPoint(code.Digits, known ? entry.DescriptionEn : code.Digits, section,
            nomenclature.SectionTitles.GetValueOrDefault(section, section), Round(at[0]), Round(at[1]), Round(at[2]));
    }

    private static double Round(double value) => Math.Round(value, 4);
}
