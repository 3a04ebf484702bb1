using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Semantic.Fusion;

/// <summary>
/// How the nearest rows' votes and the hierarchy's probabilities are combined. The defaults were chosen by
/// <c>dotnet run --project tests/HsActors.Bench -c Release -- semantic-tune</c> on held-out HMRC references (fold 1 of
/// the grouped 5-fold split, with the hierarchy and the index built without them), never on the dev set.
/// </summary>
public sealed record FusionOptions
{
    /// <summary>Nearest index rows consulted per description.</summary>
    public int Neighbours { get; init; } = 20;

    /// <summary>Softmax temperature over the neighbours' cosine similarities (smaller: the nearest rows dominate).</summary>
    public float Temperature { get; init; } = 0.1f;

    /// <summary>The votes' share in the reported probability: (1 − w) × hierarchy + w × votes.</summary>
    public float SemanticWeight { get; init; } = 0.5f;

    /// <summary>Weight of the chapter level's blended probability in the ranking score.</summary>
    public float ChapterWeight { get; init; } = 0.5f;

    /// <summary>Weight of the heading level's blended probability in the ranking score.</summary>
    public float HeadingWeight { get; init; } = 1f;

    /// <summary>Weight of the subheading level's (and, ranking national lines, the line's) blended probability in the ranking score.</summary>
    public float SubheadingWeight { get; init; } = 2f;

    /// <summary>
    /// The cascade (default mode) consults the encoder only when the hierarchy's first subheading has a probability
    /// below this (<see cref="SubheadingConfidence"/>); above it the hierarchy's answer stands as it is. On the held-out
    /// references 0.4 sent 42 % of lines to the encoder and kept full fusion's top-1 at 6 digits.
    /// </summary>
    public float CascadeThreshold { get; init; } = 0.4f;

    /// <summary>Candidates asked of the hierarchy before fusion (more than a ranking shows, so votes can lift lower ones).</summary>
    public int HierarchyDepth { get; init; } = 20;

    /// <summary>
    /// Whether a line in <paramref name="mode"/> with this hierarchy ranking goes to the encoder (the Indonesian gate
    /// aside): never in fast mode, always in full mode, in the cascade only below <see cref="CascadeThreshold"/>.
    /// </summary>
    public bool SendsToEncoder(ClassificationResult hierarchy, ClassificationMode mode)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        return mode switch
        {
            ClassificationMode.Fast => false,
            ClassificationMode.Full => true,
            _ => hierarchy.Recommendations.Count == 0 || SubheadingConfidence(hierarchy) < CascadeThreshold,
        };
    }

    /// <summary>
    /// The probability of the first code's subheading: a ranking of national lines splits it among the subheading's
    /// lines, and the cascade should not ask the encoder more often because a line was asked at 8 digits rather than 6.
    /// Through the silo (8 digits) the first line's own probability sent 89.5 % of the dev listings to the encoder; its
    /// subheading's sends 67.8 %, as at 6 digits in-process. Codes of 6 digits or fewer are their own answer.
    /// </summary>
    public static float SubheadingConfidence(ClassificationResult hierarchy)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        if (hierarchy.Recommendations.Count == 0)
        {
            return 0f;
        }
        var first = hierarchy.Recommendations[0].Code;
        if (first.Level <= HierarchicalClassifier.SubheadingLevel)
        {
            return hierarchy.Recommendations[0].Probability;
        }
        var subheading = first.Truncate(HierarchicalClassifier.SubheadingLevel);
        var total = 0f;
        foreach (var recommendation in hierarchy.Recommendations)
        {
            if (recommendation.Code.Level > HierarchicalClassifier.SubheadingLevel && recommendation.Code.Truncate(HierarchicalClassifier.SubheadingLevel) == subheading)
            {
                total += recommendation.Probability;
            }
        }
        return total;
    }
}
