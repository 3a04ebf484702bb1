using System.Globalization;
using HsActors.Classification.Hierarchy;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// How well the declared-code check tells right declarations from wrong ones on labelled rows the model did not see. Each
/// row is declared once as its true code and once per kind of misdeclaration; the check flags a declaration when the
/// model's first code does not fall under it and its probability is below the threshold (the silo's rule).
/// </summary>
public static class DeclaredCodeCheckEvaluator
{
    public static readonly double[] DefaultThresholds = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25];

    public static DeclaredCodeCheckEvaluation Evaluate(HierarchicalClassifier classifier, HsNomenclature nomenclature,
        IReadOnlyList<LabeledDescription> rows, IReadOnlyList<double> thresholds, int seed = 17, IProgress<EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(rows);
        var usable = rows.Where(r => r.Code.Level >= 6 && nomenclature.IsValid(r.Code.AtMostNationalLine())).ToArray();
        if (usable.Length == 0)
        {
            throw new ArgumentException("No row has a valid code of 6 or more digits to declare.", nameof(rows));
        }
        var byLevel = new[] { 6, 8 }.ToDictionary(l => l, l => nomenclature.AtLevel(l).Select(e => e.Code).ToArray());
        var scores = new (double Honest, double? OtherChapter, double? SameHeading, double? ModelsNextBest)[usable.Length];
        var done = 0;
        Parallel.For(0, usable.Length, i =>
        {
            var truth = usable[i].Code.AtMostNationalLine();
            var random = new Random(seed + i);
            var features = classifier.Router.Featurizer.Featurize(classifier.Router.Featurizer.Clean(usable[i].Description));
            var ranked = classifier.Rank(features, 10, out var consulted);
            double Score(HsCode declared) => DeclaredCodeProbability.IsTopRecommendation(declared, ranked)
                ? double.PositiveInfinity
                : DeclaredCodeProbability.Of(declared, consulted, classifier.Router, classifier.Chapters, features);
            var codes = byLevel[truth.Level];
            var otherChapter = Pick(codes, c => c.Chapter != truth.Chapter, random);
            var sameHeading = Pick(codes, c => c != truth && c.Truncate(4) == truth.Truncate(4), random);
            var nextBest = BestWrong(ranked, truth);
            scores[i] = (Score(truth), otherChapter is { } o ? Score(o) : null, sameHeading is { } s ? Score(s) : null, nextBest is { } n ? Score(n) : null);
            var count = Interlocked.Increment(ref done);
            if (count % 256 == 0 || count == usable.Length)
            {
                progress?.Report(new EvaluationProgress(0, 0, "declared-code checks", count, usable.Length));
            }
        });
        var honest = scores.Select(s => s.Honest).ToArray();
        return new DeclaredCodeCheckEvaluation(usable.Length, [.. thresholds.Select(t => (t, Flagged(honest, t)))],
        [
            Kind("a code of another chapter, at random", honest, scores.Select(s => s.OtherChapter), thresholds),
            Kind("another code under the same heading, at random", honest, scores.Select(s => s.SameHeading), thresholds),
            Kind("the model's own best wrong code", honest, scores.Select(s => s.ModelsNextBest), thresholds),
        ]);
    }

    /// <summary>The first ranked code, cut to the truth's length, that is not the truth: the plausible wrong declaration.</summary>
    private static HsCode? BestWrong(IReadOnlyList<CodeRecommendation> ranked, HsCode truth)
    {
        foreach (var recommendation in ranked)
        {
            if (recommendation.Code.Level >= truth.Level && recommendation.Code.Truncate(truth.Level) is var code && code != truth)
            {
                return code;
            }
        }
        return null;
    }

    private static HsCode? Pick(HsCode[] codes, Func<HsCode, bool> allowed, Random random)
    {
        var candidates = codes.Where(allowed).ToArray();
        return candidates.Length == 0 ? null : candidates[random.Next(candidates.Length)];
    }

    private static double Flagged(double[] scores, double threshold) => scores.Count(s => s < threshold) / (double)scores.Length;

    private static MisdeclarationFigures Kind(string name, double[] honest, IEnumerable<double?> wrongScores, IReadOnlyList<double> thresholds)
    {
        var pairs = honest.Zip(wrongScores).Where(p => p.Second is not null).Select(p => (Honest: p.First, Wrong: p.Second!.Value)).ToArray();
        var wrong = pairs.Select(p => p.Wrong).ToArray();
        return new MisdeclarationFigures(name, pairs.Length, RocArea(pairs.Select(p => p.Honest).ToArray(), wrong),
            [.. thresholds.Select(t => (t, wrong.Length == 0 ? double.NaN : Flagged(wrong, t)))]);
    }

    /// <summary>P(a right declaration scores above a wrong one), ties counting half: the area under the ROC curve.</summary>
    private static double RocArea(double[] right, double[] wrong)
    {
        if (right.Length == 0 || wrong.Length == 0)
        {
            return double.NaN;
        }
        var sortedWrong = wrong.Order().ToArray();
        double total = 0;
        foreach (var r in right)
        {
            var below = LowerBound(sortedWrong, r);
            var notAbove = UpperBound(sortedWrong, r);
            total += below + 0.5 * (notAbove - below);
        }
        return total / ((double)right.Length * wrong.Length);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
        {
            return ~index;
        }
        while (index > 0 && sorted[index - 1] == value)
        {
            index--;
        }
        return index;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        var index = LowerBound(sorted, value);
        while (index < sorted.Length && sorted[index] == value)
        {
            index++;
        }
        return index;
    }
}

/// <param name="FalseAlarms">For each threshold, the share of right declarations the check flags.</param>
public sealed record DeclaredCodeCheckEvaluation(int Rows, IReadOnlyList<(double Threshold, double Share)> FalseAlarms,
    IReadOnlyList<MisdeclarationFigures> Kinds)
{
    /// <summary>A plain-text table: false alarms, then each kind's area under the ROC curve and detection per threshold.</summary>
    public IEnumerable<string> Describe()
    {
        var header = string.Join("", FalseAlarms.Select(f => string.Create(CultureInfo.InvariantCulture, $"  t={f.Threshold,-5:0.###}")));
        yield return string.Create(CultureInfo.InvariantCulture, $"{Rows:N0} declarations, each declared right and wrong; flagged when the first code is not under it and P(declared) < t");
        yield return $"  {"",-52} {"cases",7} {"ROC area",9}{header}";
        yield return $"  {"right declarations flagged (false alarms)",-52} {Rows,7:N0} {"",9}{Shares(FalseAlarms)}";
        foreach (var kind in Kinds)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  {"wrong: " + kind.Name,-52} {kind.Cases,7:N0} {kind.RocArea,9:0.000}{Shares(kind.Detected)}");
        }
    }

    private static string Shares(IReadOnlyList<(double Threshold, double Share)> shares) =>
        string.Join("", shares.Select(s => string.Create(CultureInfo.InvariantCulture, $"  {s.Share * 100,6:0.0} %")));
}

/// <param name="Detected">For each threshold, the share of these wrong declarations the check flags.</param>
public sealed record MisdeclarationFigures(string Name, int Cases, double RocArea, IReadOnlyList<(double Threshold, double Share)> Detected);
