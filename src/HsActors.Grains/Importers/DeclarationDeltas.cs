using HsActors.Abstractions.Statistics;
using HsActors.Contracts;
using HsActors.Grains.Classification;

namespace HsActors.Grains.Importers;

/// <summary>
/// Turns a request's lines into what they add to the statistics: one delta per importer (its declarations by code,
/// agent and origin) and one per valid declared code (its declarations by importer, agent and origin).
/// </summary>
internal static class DeclarationDeltas
{
    public static IReadOnlyList<ImporterDelta> ForImporters(IReadOnlyList<ClassifyRequest> lines, DeclaredCodeJudge judge, DateTimeOffset at) =>
    [
        .. Tally(lines, judge, static (line, _) => line.ImporterId, static (_, code) => code).Select(p => new ImporterDelta
        {
            ImporterId = p.Key,
            At = at,
            Declarations = p.Value.Declarations,
            Codes = p.Value.Counterparts,
            Agents = p.Value.Agents,
            OriginCountries = p.Value.Origins,
        }),
    ];

    public static IReadOnlyList<DeclaredCodeDelta> ForCodes(IReadOnlyList<ClassifyRequest> lines, DeclaredCodeJudge judge, DateTimeOffset at) =>
    [
        .. Tally(lines, judge, static (_, code) => code, static (line, _) => line.ImporterId).Select(p => new DeclaredCodeDelta
        {
            Code = p.Key,
            At = at,
            Declarations = p.Value.Declarations,
            Importers = p.Value.Counterparts,
            Agents = p.Value.Agents,
            OriginCountries = p.Value.Origins,
        }),
    ];

    /// <param name="keyOf">The statistics a line counts for (null: none); given the line and its valid declared code, if any.</param>
    /// <param name="counterpartOf">What the line counts under in those statistics.</param>
    private static Dictionary<string, DeclarationTally> Tally(IReadOnlyList<ClassifyRequest> lines, DeclaredCodeJudge judge,
        Func<ClassifyRequest, string?, string?> keyOf, Func<ClassifyRequest, string?, string?> counterpartOf)
    {
        var tallies = new Dictionary<string, DeclarationTally>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var code = line.DeclaredCode is { } declared && judge.TryNormalize(declared, out var valid, out _) ? valid.Digits : null;
            if (keyOf(line, code) is { } key)
            {
                DeclarationTally.For(tallies, key).Add(counterpartOf(line, code), line.AgentId, line.OriginCountry);
            }
        }
        return tallies;
    }
}
