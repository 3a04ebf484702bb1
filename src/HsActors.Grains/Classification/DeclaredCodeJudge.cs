using HsActors.Classification.Hierarchy;
using HsActors.Contracts;
using HsActors.Learning;
using HsActors.Nomenclature;
using System.Globalization;
using ChapterProbability = HsActors.Classification.Hierarchy.ChapterProbability;

namespace HsActors.Grains.Classification;

/// <summary>
/// Checks an importer's declared code against the model. The declared code is judged at its own level (6 or 8 digits;
/// 10 are cut to 8): it agrees when the top recommendation falls under it or when the model gives it at least the
/// threshold probability; otherwise it disagrees with risk 1 − P(declared).
/// </summary>
internal sealed class DeclaredCodeJudge(HsNomenclature nomenclature, double agreementThreshold)
{
    /// <summary>Parses and checks the declared code; null <paramref name="declared"/> when it is not a usable code.</summary>
    public bool TryNormalize(string text, out HsCode declared, out string reason)
    {
        declared = default;
        if (!HsCode.TryParse(text, out var parsed))
        {
            reason = "The declared code is not an HS code (expected 6, 8 or 10 digits, dots and spaces allowed).";
            return false;
        }
        if (parsed.Level < 6)
        {
            reason = $"The declared code {parsed} has {parsed.Level} digits; a declaration names a subheading (6) or national line (8).";
            return false;
        }
        parsed = parsed.AtMostNationalLine();
        if (!nomenclature.IsValid(parsed))
        {
            reason = $"The declared code {parsed} is not in the HS 2022 / BTKI 2022 nomenclature.";
            return false;
        }
        declared = parsed;
        reason = "";
        return true;
    }

    /// <summary>
    /// Judges the declared code against an officer's assessment of the same goods instead of the model: the officer's
    /// code is ground truth, so the declared code agrees exactly when the two match at the shorter code's level.
    /// </summary>
    public DeclaredCodeCheck CheckAgainstAssessment(string text, HsCode assessed, string assessmentId)
    {
        if (!TryNormalize(text, out var declared, out var invalid))
        {
            return new DeclaredCodeCheck(text, DeclaredCodeVerdict.NotAValidCode, 1.0, 0.0, invalid);
        }
        var level = Math.Min(declared.Level, assessed.Level);
        return declared.Truncate(level) == assessed.Truncate(level)
            ? new DeclaredCodeCheck(declared.Digits, DeclaredCodeVerdict.Agrees, 0.0, 1.0,
                $"An officer assessed the same goods as {assessed} (assessment {assessmentId}).")
            : new DeclaredCodeCheck(declared.Digits, DeclaredCodeVerdict.Disagrees, 1.0, 0.0,
                $"An officer assessed the same goods as {assessed} (assessment {assessmentId}), not {declared}.");
    }

    /// <param name="firstIsTheModels">
    /// False when the ranking was re-ordered by something other than the model (the importer's history): its first code
    /// then proves nothing, and only the model's probability of the declared code counts.
    /// </param>
    public DeclaredCodeCheck Check(string text, IReadOnlyList<CodeRecommendation> ranked, IReadOnlyList<ChapterProbability> consulted,
        RouterModel router, IChapterModelSource chapters, in SparseVector features, bool firstIsTheModels = true)
    {
        if (!TryNormalize(text, out var declared, out var invalid))
        {
            return new DeclaredCodeCheck(text, DeclaredCodeVerdict.NotAValidCode, 1.0, 0.0, invalid);
        }
        var probability = DeclaredCodeProbability.Of(declared, consulted, router, chapters, features);
        var top = ranked.Count > 0 ? ranked[0] : default;
        if (firstIsTheModels && DeclaredCodeProbability.IsTopRecommendation(declared, ranked))
        {
            return new DeclaredCodeCheck(declared.Digits, DeclaredCodeVerdict.Agrees, 0.0, probability,
                "The declared code is the model's top recommendation.");
        }
        if (probability >= agreementThreshold)
        {
            return new DeclaredCodeCheck(declared.Digits, DeclaredCodeVerdict.Agrees, 0.0, probability, string.Create(CultureInfo.InvariantCulture,
                $"The model gives the declared code probability {probability:0.###}, at least the agreement threshold {agreementThreshold:0.###}."));
        }
        var topText = firstIsTheModels && ranked.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; its top recommendation is {top.Code} ({top.Probability:0.###})") : "";
        return new DeclaredCodeCheck(declared.Digits, DeclaredCodeVerdict.Disagrees, 1.0 - probability, probability, string.Create(CultureInfo.InvariantCulture,
            $"The model gives the declared code probability {probability:0.###}, below the agreement threshold {agreementThreshold:0.###}{topText}."));
    }
}
