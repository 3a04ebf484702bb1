using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Importers;

/// <summary>
/// Lifts codes the importer has declared before: score = p × (1 + weight × affinity), where affinity is the mean of
/// the share of the importer's coded declarations on the code (its 8 and 6 digits) and on its chapter. Probabilities
/// stay the model's; only the order changes.
/// </summary>
public sealed class ImporterHistoryReranker(double weight)
{
    public double Weight { get; } = weight;

    public IReadOnlyList<CodeRecommendation> Rerank(IReadOnlyList<CodeRecommendation> ranked, IImporterCodeHistory history, int top)
    {
        var coded = (double)history.CodedDeclarations;
        if (Weight <= 0 || coded <= 0)
        {
            return ranked.Count <= top ? ranked : [.. ranked.Take(top)];
        }
        var scored = new (CodeRecommendation Code, double Score, int Rank)[ranked.Count];
        for (var i = 0; i < ranked.Count; i++)
        {
            var code = ranked[i].Code;
            // A national line also counts declarations of its subheading; a subheading counts those of all its lines.
            var codeCount = code.Level > 6
                ? history.CodeCount(code.Digits) + history.CodeCount(code.Digits[..6])
                : history.CodesWithin(code.Digits);
            var chapterCount = history.ChapterCount(code.Chapter.Digits);
            var affinity = 0.5 * (Math.Min(codeCount / coded, 1.0) + Math.Min(chapterCount / coded, 1.0));
            scored[i] = (ranked[i], ranked[i].Probability * (1.0 + Weight * affinity), i);
        }
        Array.Sort(scored, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Rank.CompareTo(b.Rank));
        return [.. scored.Take(top).Select(s => s.Code)];
    }
}
