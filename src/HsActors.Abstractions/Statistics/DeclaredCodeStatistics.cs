using HsActors.Contracts;

namespace HsActors.Abstractions.Statistics;

/// <summary>
/// Who declares one code, as an immutable snapshot (the reverse of <see cref="ImporterStatistics"/>): an officer
/// looking at a recommendation sees which importers, agents and origin countries usually declare it.
/// </summary>
[GenerateSerializer, Immutable, Alias("hsactors.declared-code-statistics")]
public sealed record DeclaredCodeStatistics
{
    [Id(0)]
    public required string Code { get; init; }

    [Id(1)]
    public long Declarations { get; init; }

    [Id(2)]
    public DateTimeOffset? LastSeen { get; init; }

    [Id(3)]
    public IReadOnlyDictionary<string, KeyTally> Importers { get; init; } = KeyTallies.Empty;

    [Id(4)]
    public IReadOnlyDictionary<string, KeyTally> Agents { get; init; } = KeyTallies.Empty;

    [Id(5)]
    public IReadOnlyDictionary<string, KeyTally> OriginCountries { get; init; } = KeyTallies.Empty;

    public static DeclaredCodeStatistics Empty(string code) => new() { Code = code };

    public DeclaredCodeStatistics Apply(DeclaredCodeDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (!string.Equals(delta.Code, Code, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A delta for code '{delta.Code}' cannot be applied to code '{Code}'.", nameof(delta));
        }
        return this with
        {
            Declarations = Declarations + delta.Declarations,
            LastSeen = LastSeen is { } last && last >= delta.At ? last : delta.At,
            Importers = KeyTallies.Merge(Importers, delta.Importers, delta.At),
            Agents = KeyTallies.Merge(Agents, delta.Agents, delta.At),
            OriginCountries = KeyTallies.Merge(OriginCountries, delta.OriginCountries, delta.At),
        };
    }

    public DeclaredCodeSummary ToSummary(int top = 10) => new(
        Code, Declarations, LastSeen, KeyTallies.Top(Importers, top), KeyTallies.Top(Agents, top), KeyTallies.Top(OriginCountries, top));
}
