namespace HsActors.Abstractions.Statistics;

/// <summary>
/// What one request adds to an importer's statistics: the unit that is made durable and replayed. Counts are per key
/// (HS code digits, agent id, ISO country); chapters follow from the codes.
/// </summary>
public sealed record ImporterDelta
{
    public required string ImporterId { get; init; }

    public required DateTimeOffset At { get; init; }

    public long Declarations { get; init; }

    public long Assessments { get; init; }

    public long Corrections { get; init; }

    public IReadOnlyDictionary<string, long> Codes { get; init; } = Empty;

    public IReadOnlyDictionary<string, long> Agents { get; init; } = Empty;

    public IReadOnlyDictionary<string, long> OriginCountries { get; init; } = Empty;

    /// <summary>
    /// The assessment-stream offset this delta comes from (null for declarations). Travels with the delta into the
    /// durable store, so applying the same stream entry twice is recognised and ignored: see
    /// <see cref="ImporterStatistics.AssessmentStreamOffset"/>.
    /// </summary>
    public long? StreamOffset { get; init; }

    private static readonly IReadOnlyDictionary<string, long> Empty = new Dictionary<string, long>();
}
