using System.Globalization;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// Scores ranked recommendations against true codes at every HS level: top-1/3/5 over distinct prefixes, the paper's
/// accuracy / precision / recall / F1 of the first prediction, per-chapter figures, calibration and chapter confusion.
/// </summary>
public static class RankingScorer
{
    private const int NoPrediction = -1;

    public static EvaluationScores Score(IReadOnlyList<RankedCase> cases, int calibrationBins = 15)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0)
        {
            throw new ArgumentException("There are no cases to score.", nameof(cases));
        }
        var levels = HsLevels.All
            .Select(level => ScoreLevel(cases, level))
            .OfType<LevelScores>()
            .ToArray();
        return new EvaluationScores(cases.Count, levels, ScoreChapters(cases), ScoreCalibration(cases, calibrationBins), ConfuseChapters(cases));
    }

    private static LevelScores? ScoreLevel(IReadOnlyList<RankedCase> cases, int level)
    {
        var scored = cases.Where(c => c.Truth.Level >= level).ToArray();
        if (scored.Length == 0)
        {
            return null;
        }
        int top1 = 0, top3 = 0, top5 = 0;
        var ids = new Dictionary<HsCode, int>();
        var truth = new int[scored.Length];
        var predicted = new int[scored.Length];
        for (var i = 0; i < scored.Length; i++)
        {
            var rank = scored[i].PrefixRank(level);
            top1 += rank == 1 ? 1 : 0;
            top3 += rank is > 0 and <= 3 ? 1 : 0;
            top5 += rank is > 0 and <= 5 ? 1 : 0;
            truth[i] = IdOf(ids, scored[i].TruthAt(level));
            predicted[i] = scored[i].TopPrefix(level) is { } top ? IdOf(ids, top.Prefix) : NoPrediction;
        }
        double n = scored.Length;
        return new LevelScores(level, scored.Length, top1 / n, top3 / n, top5 / n, ClassificationMetrics.Compute(truth, predicted));
    }

    private static ChapterScores[] ScoreChapters(IReadOnlyList<RankedCase> cases) =>
        [.. cases.GroupBy(c => c.Truth.Chapter).OrderBy(g => g.Key).Select(g =>
        {
            var all = g.ToArray();
            var fine = all.Where(c => c.Truth.Level >= 6).ToArray();
            return new ChapterScores(
                g.Key.Digits,
                all.Length,
                all.Count(c => c.PrefixRank(2) == 1) / (double)all.Length,
                fine.Length,
                fine.Length == 0 ? null : fine.Count(c => c.PrefixRank(6) == 1) / (double)fine.Length);
        })];

    private static CalibrationScores ScoreCalibration(IReadOnlyList<RankedCase> cases, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var confidence = new double[cases.Count];
        var correct = new bool[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            var level = HsLevels.Finest(cases[i].Truth.Level);
            if (cases[i].TopPrefix(level) is { } top)
            {
                confidence[i] = top.Probability;
                correct[i] = top.Prefix == cases[i].TruthAt(level);
            }
        }
        var count = new int[bins];
        var confidenceSum = new double[bins];
        var correctCount = new int[bins];
        for (var i = 0; i < confidence.Length; i++)
        {
            // The bin rule of ClassificationMetrics.ExpectedCalibrationError, so the table adds up to the figure.
            var bin = Math.Min((int)(confidence[i] * bins), bins - 1);
            count[bin]++;
            confidenceSum[bin] += confidence[i];
            correctCount[bin] += correct[i] ? 1 : 0;
        }
        var table = Enumerable.Range(0, bins)
            .Where(b => count[b] > 0)
            .Select(b => new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, count[b], confidenceSum[b] / count[b], (double)correctCount[b] / count[b]))
            .ToArray();
        return new CalibrationScores(ClassificationMetrics.ExpectedCalibrationError(confidence, correct, bins), table);
    }

    private static ChapterConfusion ConfuseChapters(IReadOnlyList<RankedCase> cases)
    {
        var truth = cases.Select(c => ChapterNumber(c.Truth)).ToArray();
        var predicted = cases.Select(c => c.Ranking.Count == 0 ? NoPrediction : ChapterNumber(c.Ranking[0].Code)).ToArray();
        var matrix = new ConfusionMatrix(truth, predicted);
        // Chapters ascending, "no prediction" last.
        int[] order = [.. matrix.Labels.Where(l => l != NoPrediction), .. matrix.Labels.Where(l => l == NoPrediction)];
        var labels = order
            .Select(l => l == NoPrediction ? ChapterConfusion.NoPrediction : l.ToString("00", CultureInfo.InvariantCulture))
            .ToArray();
        var counts = order.Select(row => order.Select(column => matrix.Count(row, column)).ToArray()).ToArray();
        return new ChapterConfusion(labels, counts);
    }

    private static int ChapterNumber(HsCode code) => int.Parse(code.Chapter.Digits, CultureInfo.InvariantCulture);

    private static int IdOf(Dictionary<HsCode, int> ids, HsCode code)
    {
        if (!ids.TryGetValue(code, out var id))
        {
            id = ids.Count;
            ids[code] = id;
        }
        return id;
    }
}
