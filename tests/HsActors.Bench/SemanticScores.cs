using System.Globalization;
using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Fusion;

namespace HsActors.Bench;

/// <summary>How the semantic benches score and print a ranking of held-out rows.</summary>
public static class SemanticScores
{
    public const int Depth = 10;

    /// <summary>Mean of top-1 at 2, 4 and 6 digits and top-5 at 6: the goals' figures, equally weighted.</summary>
    public static double Objective(EvaluationScores scores) =>
        (scores.At(2)!.Top1 + scores.At(4)!.Top1 + scores.At(6)!.Top1 + scores.At(6)!.Top5) / 4;

    /// <summary>The cascade's ranking of every row: the hierarchy's where it is sure, fused below the threshold.</summary>
    public static IReadOnlyList<CodeRecommendation>[] Cascade(HeldOutFold fold, NeighbourVotes[] votes, FusionOptions options, out int consulted)
    {
        var count = 0;
        var rankings = fold.Hierarchy.Select((r, i) =>
        {
            if (!options.SendsToEncoder(r, ClassificationMode.Cascade))
            {
                return (IReadOnlyList<CodeRecommendation>)[.. r.Recommendations.Take(Depth)];
            }
            count++;
            return RankFusion.Fuse(r, votes[i], options, Depth, HierarchicalClassifier.SubheadingLevel);
        }).ToArray();
        consulted = count;
        return rankings;
    }

    public static void Print(string what, EvaluationScores s) =>
        Console.WriteLine($"{what}: top-1 / top-5 at 2, 4, 6 digits {Pct(s.At(2)!.Top1)} / {Pct(s.At(2)!.Top5)}, {Pct(s.At(4)!.Top1)} / {Pct(s.At(4)!.Top5)}, {Pct(s.At(6)!.Top1)} / {Pct(s.At(6)!.Top5)} %; ECE {s.Calibration.ExpectedCalibrationError:F3}");

    public static string Pct(double v) => (v * 100).ToString("F1", CultureInfo.InvariantCulture);
}
