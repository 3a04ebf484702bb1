namespace HsActors.Grains.Importers;

/// <summary>
/// The declarations of one request counted for one key (an importer, or a declared code): how many, and by the
/// other side (codes or importers), agent and origin country. Blank values are not counted.
/// </summary>
internal sealed class DeclarationTally
{
    public long Declarations { get; private set; }

    /// <summary>Codes for an importer's tally, importers for a code's.</summary>
    public Dictionary<string, long> Counterparts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Agents { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Origins { get; } = new(StringComparer.Ordinal);

    public void Add(string? counterpart, string? agent, string? origin)
    {
        Declarations++;
        Count(Counterparts, counterpart);
        Count(Agents, agent);
        Count(Origins, origin?.ToUpperInvariant());
    }

    public static DeclarationTally For(Dictionary<string, DeclarationTally> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new DeclarationTally();
        }
        return tally;
    }

    private static void Count(Dictionary<string, long> counts, string? key)
    {
        if (!string.IsNullOrWhiteSpace(key))
        {
            key = key.Trim();
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }
}
