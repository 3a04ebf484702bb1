using HsActors.Classification.Hierarchy;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Grains.Retraining;

/// <summary>
/// Scores a chapter model on rows of its chapter, as the chapter ranks them on its own (chapter probability 1): top-1 and
/// top-5 at 8 and 6 digits, and at 6 digits the macro F1 and the expected calibration error of the first subheading.
/// </summary>
public static class ChapterEvaluation
{
    public static EvaluationFigures Score(ChapterModel? model, IReadOnlyList<(SparseVector Features, HsCode Code)> rows)
    {
        if (rows.Count == 0)
        {
            return EvaluationFigures.Empty;
        }
        int rowsAt8 = 0, top1At8 = 0, top5At8 = 0, top1At6 = 0, top5At6 = 0;
        // For the paper's figures at 6 digits: each row's truth and first subheading (as class ids), and its confidence.
        var classes = new Dictionary<HsCode, int>();
        int Class(HsCode subheading) => classes.TryGetValue(subheading, out var id) ? id : classes[subheading] = classes.Count;
        var truth = new List<int>(rows.Count);
        var predicted = new List<int>(rows.Count);
        var confidence = new List<double>(rows.Count);
        var correct = new List<bool>(rows.Count);
        var ranked = new List<CodeRecommendation>(256);
        var subheadings = new List<HsCode>(5);
        foreach (var (features, code) in rows)
        {
            ranked.Clear();
            model?.Rank(features, 1f, ranked);
            ranked.Sort(static (a, b) => b.Probability.CompareTo(a.Probability));
            if (code.Level >= 8)
            {
                rowsAt8++;
                var line = code.Truncate(8);
                var at = ranked.FindIndex(r => r.Code == line);
                top1At8 += at == 0 ? 1 : 0;
                top5At8 += at is >= 0 and < 5 ? 1 : 0;
            }
            subheadings.Clear();
            foreach (var recommendation in ranked)
            {
                var subheading = recommendation.Code.Truncate(6);
                if (!subheadings.Contains(subheading))
                {
                    subheadings.Add(subheading);
                    if (subheadings.Count == 5)
                    {
                        break;
                    }
                }
            }
            var at6 = subheadings.IndexOf(code.Truncate(6));
            top1At6 += at6 == 0 ? 1 : 0;
            top5At6 += at6 >= 0 ? 1 : 0;
            truth.Add(Class(code.Truncate(6)));
            predicted.Add(subheadings.Count == 0 ? -1 : Class(subheadings[0]));
            confidence.Add(subheadings.Count == 0 ? 0 : ranked.Where(r => r.Code.Truncate(6) == subheadings[0]).Sum(r => (double)r.Probability));
            correct.Add(at6 == 0);
        }
        double Share(int hits, int of) => of == 0 ? 0 : (double)hits / of;
        return new EvaluationFigures(rows.Count, rowsAt8, Share(top1At8, rowsAt8), Share(top5At8, rowsAt8), Share(top1At6, rows.Count), Share(top5At6, rows.Count))
        {
            MacroF1At6 = ClassificationMetrics.Compute(truth, predicted).MacroF1,
            CalibrationErrorAt6 = ClassificationMetrics.ExpectedCalibrationError(confidence, correct),
        };
    }
}
