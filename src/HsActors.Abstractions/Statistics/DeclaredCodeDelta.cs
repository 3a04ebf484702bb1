namespace HsActors.Abstractions.Statistics;

/// <summary>What one request adds to a declared code's statistics: its declarations, by importer, agent and origin.</summary>
[GenerateSerializer, Immutable, Alias("hsactors.declared-code-delta")]
public sealed record DeclaredCodeDelta
{
    [Id(0)]
    public required string Code { get; init; }

    [Id(1)]
    public required DateTimeOffset At { get; init; }

    [Id(2)]
    public long Declarations { get; init; }

    [Id(3)]
    public IReadOnlyDictionary<string, long> Importers { get; init; } = Empty;

    [Id(4)]
    public IReadOnlyDictionary<string, long> Agents { get; init; } = Empty;

    [Id(5)]
    public IReadOnlyDictionary<string, long> OriginCountries { get; init; } = Empty;

    private static readonly IReadOnlyDictionary<string, long> Empty = new Dictionary<string, long>();
}
