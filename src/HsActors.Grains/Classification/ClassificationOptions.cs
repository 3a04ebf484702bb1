using HsActors.Classification.Hierarchy;

namespace HsActors.Grains.Classification;

public sealed record ClassificationOptions
{
    public HierarchyOptions Hierarchy { get; init; } = new();

    public const int DefaultTop = 5;

    /// <summary>
    /// A declared code the model does not rank first still agrees when its probability is at least this. Chosen on
    /// held-out HMRC references (the declared-check benchmark): at 0.01 the check flags 37 % of right declarations
    /// against 56 % at 0.25, and still every random code of another chapter and 90 % of other codes under the true
    /// heading. Administrations tune it on their own declarations (hs evaluate --declared-check).
    /// </summary>
    public double DeclaredCodeAgreementThreshold { get; init; } = 0.01;

    /// <summary>
    /// Weight of the importer's own history in the ranking; 0 (the default) leaves the model's ranking untouched.
    /// A code's score becomes p × (1 + weight × affinity), affinity in [0, 1] being how much of the importer's coded
    /// declarations fell on that code and on its chapter (ImporterHistoryBoost); it orders the
    /// ranking, alternatives included, while the probabilities reported stay the model's.
    /// </summary>
    public double ImporterHistoryWeight { get; init; }

    /// <summary>How many terms explain each recommendation.</summary>
    public int ExplanationTerms { get; init; } = 3;

    /// <summary>
    /// Threads one batch ranks its lines on. All cores but one by default (at least one), so single lines arriving while
    /// batches run find a core free instead of queueing behind the batches' work on the thread pool.
    /// </summary>
    public int BatchParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);
}
