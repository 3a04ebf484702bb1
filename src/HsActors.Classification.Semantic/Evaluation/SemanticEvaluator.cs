using System.Diagnostics;
using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Listings;
using HsActors.Classification.Semantic.Fusion;

namespace HsActors.Classification.Semantic.Evaluation;

/// <summary>
/// Scores the hierarchy alone, the semantic stage alone, the cascade (default) and full fusion on the same labelled
/// lines, each ranked at 6 digits and scored at 2, 4 and 6 by the hierarchy's own scorer (top-k, calibration).
/// </summary>
public static class SemanticEvaluator
{
    public const string HierarchyName = "hierarchy alone (mode fast)";
    public const string SemanticName = "semantic stage alone (nearest rows' votes)";
    public const string CascadeName = "fused, cascade (default mode)";
    public const string FullName = "fused, every line (mode full)";

    public static IReadOnlyList<ModelEvaluation> Evaluate(SemanticClassifier classifier, IReadOnlyList<MarketplaceListing> listings, int depth,
        bool useCategory, bool useAttributes, out int cascadeConsulted, out int indonesian, IProgress<int>? linesDone = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(listings);
        const int level = HierarchicalClassifier.SubheadingLevel;
        var runs = new (string Name, List<RankedCase> Cases, TimeSpan Time)[]
        {
            (HierarchyName, [], TimeSpan.Zero), (SemanticName, [], TimeSpan.Zero), (CascadeName, [], TimeSpan.Zero), (FullName, [], TimeSpan.Zero),
        };
        var clock = new Stopwatch();
        cascadeConsulted = 0;
        indonesian = 0;
        for (var i = 0; i < listings.Count; i++)
        {
            var listing = listings[i];
            var category = useCategory ? listing.Category : null;
            var attributes = useAttributes ? listing.Attributes : null;
            clock.Restart();
            runs[0].Cases.Add(new(listing.Code, classifier.Classify(listing.Title, depth, level, ClassificationMode.Fast, category, attributes).Result.Recommendations));
            runs[0].Time += clock.Elapsed;
            clock.Restart();
            var votes = classifier.Votes(ListingText.Compose(listing.Title, category, attributes));
            runs[1].Cases.Add(new(listing.Code, SemanticRanking.Rank(votes, depth, level)));
            runs[1].Time += clock.Elapsed;
            clock.Restart();
            var cascade = classifier.Classify(listing.Title, depth, level, ClassificationMode.Cascade, category, attributes);
            cascadeConsulted += cascade.EncoderConsulted ? 1 : 0;
            indonesian += cascade.Indonesian ? 1 : 0;
            runs[2].Cases.Add(new(listing.Code, cascade.Result.Recommendations));
            runs[2].Time += clock.Elapsed;
            clock.Restart();
            runs[3].Cases.Add(new(listing.Code, classifier.Classify(listing.Title, depth, level, ClassificationMode.Full, category, attributes).Result.Recommendations));
            runs[3].Time += clock.Elapsed;
            linesDone?.Report(i + 1);
        }
        return [.. runs.Select(r => new ModelEvaluation(r.Name, RankingScorer.Score(r.Cases), [], TimeSpan.Zero, r.Time))];
    }
}
