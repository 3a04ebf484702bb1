using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Tests;

public sealed class EvaluationScorerTests
{
    private static CodeRecommendation R(string code, float p = 0.1f) => new(HsCode.Parse(code), p);

    private static RankedCase Case(string truth, params CodeRecommendation[] ranking) => new(HsCode.Parse(truth), ranking);

    [Fact]
    public void Prefix_rank_counts_distinct_prefixes_at_each_level()
    {
        var c = Case("87149100", R("87141090"), R("87141010"), R("87149100"), R("84099100"));

        Assert.Equal(3, c.PrefixRank(8));
        Assert.Equal(2, c.PrefixRank(6)); // 871410 (twice), then 871491
        Assert.Equal(1, c.PrefixRank(4));
        Assert.Equal(1, c.PrefixRank(2));
    }

    [Fact]
    public void Prefix_rank_is_zero_when_absent_and_a_coarser_truth_cannot_be_scored_finer()
    {
        var c = Case("871491", R("84099100"), R("84082000"));

        Assert.Equal(0, c.PrefixRank(6));
        Assert.Equal(0, c.PrefixRank(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.PrefixRank(8));
        Assert.Equal([2, 4, 6], c.Levels);
    }

    [Fact]
    public void Many_lines_of_one_subheading_are_one_guess_at_six_digits()
    {
        // Four lines of 8714.10 fill the first four places; the truth's subheading comes fifth in the list.
        var c = Case("87149100", R("87141010"), R("87141020"), R("87141030"), R("87141090"), R("87149100"));

        Assert.Equal(5, c.PrefixRank(8));
        Assert.Equal(2, c.PrefixRank(6));
    }

    [Fact]
    public void A_subheading_recommended_without_national_lines_is_its_own_slot_at_eight_digits()
    {
        var c = Case("87149100", R("871410"), R("87149100"));

        Assert.Equal(2, c.PrefixRank(8));
        Assert.Equal(2, c.PrefixRank(6));
    }

    [Fact]
    public void Scores_top_k_per_level_only_over_truths_that_long()
    {
        EvaluationScores scores = RankingScorer.Score(
        [
            Case("87141090", R("87141090"), R("87141010")),                             // rank 1 at every level
            Case("87141010", R("87141090"), R("87149100"), R("84099100"), R("87141010")), // rank 4 at 8, 1 at 6
            Case("847130", R("84099100"), R("85171300"), R("84713010")),                  // rank 3 at 6 and 4, 1 at 2
            Case("0101", R("02013000")),                                                  // wrong everywhere
        ]);

        Assert.Equal([2, 4, 6, 8], scores.Levels.Select(l => l.Level));
        var at8 = scores.At(8)!;
        Assert.Equal(2, at8.Support);
        Assert.Equal(0.5, at8.Top1);
        Assert.Equal(0.5, at8.Top3);
        Assert.Equal(1.0, at8.Top5);
        var at6 = scores.At(6)!;
        Assert.Equal(3, at6.Support);
        Assert.Equal(2 / 3.0, at6.Top1, 12);
        Assert.Equal(1.0, at6.Top3);
        var at4 = scores.At(4)!;
        Assert.Equal(4, at4.Support);
        Assert.Equal(0.5, at4.Top1);   // 8714, 8714 right; 8409 ≠ 8471; 0201 ≠ 0101
        Assert.Equal(0.75, at4.Top3);
        var at2 = scores.At(2)!;
        Assert.Equal(0.75, at2.Top1);
        Assert.Same(at8, scores.Finest);
    }

    [Fact]
    public void Top1_report_is_the_paper_metrics_of_the_first_prediction()
    {
        // Truth A, A, B; predictions A, B, B: per label P/R: A 1/0.5, B 0.5/1 → macro F1 = (2/3 + 2/3) / 2.
        EvaluationScores scores = RankingScorer.Score(
        [
            Case("010121", R("01012100")),
            Case("010121", R("01012900")),
            Case("010129", R("01012900")),
        ]);

        var report = scores.At(6)!.Top1Report;
        Assert.Equal(2 / 3.0, report.Accuracy, 12);
        Assert.Equal(0.75, report.MacroPrecision, 12);
        Assert.Equal(0.75, report.MacroRecall, 12);
        Assert.Equal(2 / 3.0, report.MacroF1, 12);
        Assert.Equal(3, report.Support);
    }

    [Fact]
    public void Per_chapter_table_scores_chapter_and_subheading_of_the_first_recommendation()
    {
        EvaluationScores scores = RankingScorer.Score(
        [
            Case("87141090", R("87141090")),
            Case("87120000", R("87141090")),
            Case("8714", R("84099100")),
            Case("84099100", R("84099100")),
        ]);

        var ch87 = scores.Chapters.Single(c => c.Chapter == "87");
        Assert.Equal(3, ch87.Support);
        Assert.Equal(2 / 3.0, ch87.Top1Chapter, 12);
        Assert.Equal(2, ch87.SubheadingSupport);
        Assert.Equal(0.5, ch87.Top1Subheading);
        Assert.Equal(["84", "87"], scores.Chapters.Select(c => c.Chapter));
    }

    [Fact]
    public void Calibration_uses_the_ranked_mass_of_the_top_prefix_at_the_truths_level()
    {
        // Case 1 (6 digits): top prefix 871410 carries 0.45 + 0.3 = 0.75 and is right.
        // Case 2 (8 digits): top code carries 0.95 and is wrong.
        EvaluationScores scores = RankingScorer.Score(
        [
            Case("871410", R("87141010", 0.45f), R("87141090", 0.3f), R("87149100", 0.25f)),
            Case("87149100", R("87141010", 0.95f), R("87149100", 0.05f)),
        ], calibrationBins: 10);

        var bins = scores.Calibration.Bins;
        Assert.Equal(2, bins.Count);
        Assert.Equal(0.75, bins[0].MeanConfidence, 5);
        Assert.Equal(1.0, bins[0].Accuracy);
        Assert.Equal(0.95, bins[1].MeanConfidence, 5);
        Assert.Equal(0.0, bins[1].Accuracy);
        // ECE = ½·|1 − 0.75| + ½·|0 − 0.95| = 0.6
        Assert.Equal(0.6, scores.Calibration.ExpectedCalibrationError, 5);
    }

    [Fact]
    public void Chapter_confusion_counts_first_recommendations_and_cases_without_any()
    {
        EvaluationScores scores = RankingScorer.Score(
        [
            Case("87141090", R("87141090")),
            Case("87141090", R("84099100")),
            Case("84099100", R("84099100")),
            Case("84099100"),
        ]);

        var confusion = scores.ChapterConfusion;
        Assert.Equal(["84", "87", ChapterConfusion.NoPrediction], confusion.Labels);
        Assert.Equal([1, 0, 1], confusion.Counts[0]);
        Assert.Equal([1, 1, 0], confusion.Counts[1]);
        Assert.Equal([0, 0, 0], confusion.Counts[2]);
        Assert.Equal(0.5, scores.At(2)!.Top1Report.Accuracy, 12);
    }

    [Fact]
    public void Scoring_nothing_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => RankingScorer.Score([]));
        Assert.Contains("no cases", e.Message);
    }

    [Fact]
    public void Report_figures_agree_with_classification_metrics_on_the_same_labels()
    {
        var truth = new[] { 0, 0, 1 };
        var predicted = new[] { 0, 1, 1 };
        var expected = ClassificationMetrics.Compute(truth, predicted);

        var scores = RankingScorer.Score([Case("0101", R("0101")), Case("0101", R("0102")), Case("0102", R("0102"))]);

        Assert.Equal(expected, scores.At(4)!.Top1Report);
    }
}
