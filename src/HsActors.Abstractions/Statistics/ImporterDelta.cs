namespace HsActors.Abstractions.Statistics;

/// <summary>
/// What one request adds to an importer's statistics: the unit that is made durable and replayed. Counts are per key
/// (HS code digits, agent id, ISO country); chapters follow from the codes.
/// </summary>
[GenerateSerializer, Immutable, Alias("hsactors.importer-delta")]
public sealed record ImporterDelta
{
    [Id(0)]
    public required string ImporterId { get; init; }

    [Id(1)]
    public required DateTimeOffset At { get; init; }

    [Id(2)]
    public long Declarations { get; init; }

    [Id(3)]
    public long Assessments { get; init; }

    [Id(4)]
    public long Corrections { get; init; }

    [Id(5)]
    public IReadOnlyDictionary<string, long> Codes { get; init; } = Empty;

    [Id(6)]
    public IReadOnlyDictionary<string, long> Agents { get; init; } = Empty;

    [Id(7)]
    public IReadOnlyDictionary<string, long> OriginCountries { get; init; } = Empty;

    /// <summary>
    /// The assessment-stream offset this delta comes from (null for declarations). Travels with the delta into the
    /// durable store, so applying the same stream entry twice is recognised and ignored: see
    /// <see cref="ImporterStatistics.AssessmentStreamOffset"/>.
    /// </summary>
    [Id(8)]
    public long? StreamOffset { get; init; }

    private static readonly IReadOnlyDictionary<string, long> Empty = new Dictionary<string, long>();
}
