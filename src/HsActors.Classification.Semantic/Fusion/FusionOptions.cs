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
    /// The cascade (default mode) consults the encoder only when the hierarchy's first code has a probability below
    /// this; above it the hierarchy's answer stands as it is. On the held-out references 0.4 sent 42 % of lines to the
    /// encoder and kept full fusion's top-1 at 6 digits.
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
            _ => hierarchy.Recommendations.Count == 0 || hierarchy.Recommendations[0].Probability < CascadeThreshold,
        };
    }
}
