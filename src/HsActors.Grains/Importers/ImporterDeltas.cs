using HsActors.Abstractions.Statistics;
using HsActors.Contracts;
using HsActors.Grains.Classification;

namespace HsActors.Grains.Importers;

/// <summary>Turns a request's lines into one delta per importer: the declarations it adds, by code, agent and origin.</summary>
internal static class ImporterDeltas
{
    public static IReadOnlyList<ImporterDelta> FromLines(IReadOnlyList<ClassifyRequest> lines, DeclaredCodeJudge judge, DateTimeOffset at)
    {
        var byImporter = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.ImporterId is not { } importer)
            {
                continue;
            }
            if (!byImporter.TryGetValue(importer, out var tally))
            {
                byImporter[importer] = tally = new Tally();
            }
            tally.Declarations++;
            if (line.DeclaredCode is { } declared && judge.TryNormalize(declared, out var code, out _))
            {
                Add(tally.Codes, code.Digits);
            }
            if (!string.IsNullOrWhiteSpace(line.AgentId))
            {
                Add(tally.Agents, line.AgentId.Trim());
            }
            if (!string.IsNullOrWhiteSpace(line.OriginCountry))
            {
                Add(tally.Origins, line.OriginCountry.Trim().ToUpperInvariant());
            }
        }
        return
        [
            .. byImporter.Select(p => new ImporterDelta
            {
                ImporterId = p.Key,
                At = at,
                Declarations = p.Value.Declarations,
                Codes = p.Value.Codes,
                Agents = p.Value.Agents,
                OriginCountries = p.Value.Origins,
            }),
        ];
    }

    private static void Add(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private sealed class Tally
    {
        public long Declarations;
        public Dictionary<string, long> Codes { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Agents { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Origins { get; } = new(StringComparer.Ordinal);
    }
}
