using HsActors.Classification.Hierarchy;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Grains.Retraining;

/// <summary>Scores a chapter model on rows of its chapter, as the chapter ranks them on its own (chapter probability 1).</summary>
public static class ChapterEvaluation
{
    public static EvaluationFigures Score(ChapterModel? model, IReadOnlyList<(SparseVector Features, HsCode Code)> rows)
    {
        if (rows.Count == 0)
        {
            return EvaluationFigures.Empty;
        }
        int rowsAt8 = 0, top1At8 = 0, top5At8 = 0, top1At6 = 0, top5At6 = 0;
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
        }
        double Share(int hits, int of) => of == 0 ? 0 : (double)hits / of;
        return new EvaluationFigures(rows.Count, rowsAt8, Share(top1At8, rowsAt8), Share(top5At8, rowsAt8), Share(top1At6, rows.Count), Share(top5At6, rows.Count));
    }
}
