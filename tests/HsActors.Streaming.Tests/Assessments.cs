using HsActors.Abstractions.Streaming;

namespace HsActors.Streaming.Tests;

/// <summary>Builds realistic assessments for the tests.</summary>
internal static class Assessments
{
    private static readonly string[] Descriptions =
    [
        "BRAKE PADS FOR MOTORCYCLE", "PVC APRON FOR KITCHEN", "BRASS BUSH KD", "TELESCOPE 2X28", "CLUTCH DISCS",
    ];
    private static readonly string[] Codes = ["87141090", "39262090", "74199999", "90051000", "87089390"];

    public static AssessmentRecord Make(string id, int seed = 0) => new()
    {
        AssessmentId = id,
        DeclarationId = $"PIB-{seed:D6}",
        Description = Descriptions[seed % Descriptions.Length],
        DeclaredCode = "84439990",
        AssessedCode = Codes[seed % Codes.Length],
        OfficerId = $"officer-{seed % 3}",
        ImporterId = $"NPWP{seed % 7:D3}",
        OriginCountry = "CN",
        AssessedAt = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.FromHours(7)).AddMinutes(seed),
    };

    public static List<AssessmentRecord> Many(string prefix, int count, int firstSeed = 0) =>
        Enumerable.Range(firstSeed, count).Select(i => Make($"{prefix}-{i}", i)).ToList();
}
