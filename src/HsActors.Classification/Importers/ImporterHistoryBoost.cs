using HsActors.Classification.Hierarchy;
using HsActors.Nomenclature;

namespace HsActors.Classification.Importers;

/// <summary>
/// Lifts codes the importer has declared before: factor = 1 + weight × affinity, where affinity is the mean of the share
/// of the importer's coded declarations on the code (its 8 and 6 digits) and on its chapter.
/// </summary>
public sealed class ImporterHistoryBoost(double weight, IImporterCodeHistory history) : IRankingBoost
{
    public float MaxFactor { get; } = (float)(1 + Math.Max(weight, 0));

    public float Factor(HsCode code)
    {
        var coded = (double)history.CodedDeclarations;
        if (weight <= 0 || coded <= 0)
        {
            return 1f;
        }
        // A national line also counts declarations of its subheading; a subheading counts those of all its lines.
        var codeCount = code.Level > 6
            ? history.CodeCount(code.Digits) + history.CodeCount(code.Digits[..6])
            : history.CodesWithin(code.Digits);
        var chapterCount = history.ChapterCount(code.Chapter.Digits);
        var affinity = 0.5 * (Math.Min(codeCount / coded, 1.0) + Math.Min(chapterCount / coded, 1.0));
        return Math.Min((float)(1 + weight * affinity), MaxFactor);
    }
}
