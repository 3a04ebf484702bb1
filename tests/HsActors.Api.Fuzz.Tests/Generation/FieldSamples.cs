using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using HsActors.Nomenclature;
using HsActors.Silo.Tests;

namespace HsActors.Api.Fuzz.Tests.Generation;

/// <summary>
/// What the document cannot say: the values a field of that name must hold to pass the silo's own checks (goods
/// text, codes of the nomenclature, the key's officer id, past times with an offset, versions the registry has).
/// Structure comes from the schema; a field named here takes its value from here, valid or at a boundary.
/// </summary>
public sealed class FieldSamples
{
    private const int MaxDescriptionLength = 2_000;
    private const int MaxIdLength = 128;

    private static readonly string[] Goods =
    [
        "roasted coffee beans, not decaffeinated", "green coffee arabica in jute bags", "ground black pepper", "cinnamon sticks",
        "new pneumatic rubber tyres for passenger cars", "vulcanised rubber conveyor belt", "rubber gloves for surgery",
        "leather shoes for men with rubber soles", "sports footwear with textile uppers", "kopi bubuk robusta 250 gram",
    ];

    // Fixed, so a seed generates the same requests on every run and every day.
    private static readonly DateTimeOffset AssessedBefore = new(2025, 6, 1, 9, 30, 0, TimeSpan.FromHours(7));

    private readonly Dictionary<string, (Gen<JsonNode?> Valid, Gen<JsonNode?> Boundary)> _byField;

    public FieldSamples(IReadOnlyList<string> modelVersions)
    {
        var lines = HsNomenclature.Bundled.AtLevel(8).Where(e => SmallModel.Chapters.Contains(e.Code.Chapter.Digits)).Select(e => e.Code.Digits).ToArray();
        var subheadings = lines.Select(l => l[..6]).Distinct().ToArray();
        // Few enough that importers classified earlier in the run are looked up again later.
        Gen<JsonNode?> ids = Gen.Int[1, 12].Select(n => Text(string.Create(CultureInfo.InvariantCulture, $"IMP-{n}")));
        var idBoundaries = Gen.OneOf("a", new string('i', MaxIdLength), "PT Kopi/Jaya 02", "İthalatçı-ÄÖ").Select(Text);
        var versions = Gen.OneOf([.. modelVersions, "20200101T000000000Z-000000"]).Select(Text);
        var descriptions = (Gen.OneOf(Goods).Select(Text),
            Gen.OneOf("a", "  coffee  ", "coffee ☕ beans", string.Join(' ', Enumerable.Repeat("coffee", 400))[..MaxDescriptionLength]).Select(Text));
        _byField = new(StringComparer.Ordinal)
        {
            ["description"] = descriptions,
            ["reason"] = (Gen.OneOf("quarterly review", "rollback after complaints", "canary for chapter 09").Select(Text),
                Gen.OneOf("x", new string('r', 4_000), "Prüfung — 检查").Select(Text)),
            ["top"] = (Gen.Int[1, 20].Select(Number), Gen.OneOf(1, 20).Select(Number)),
            ["level"] = (Gen.OneOf(6, 8).Select(Number), Gen.OneOf(6, 8).Select(Number)),
            ["percent"] = (Gen.Int[1, 99].Select(Number), Gen.OneOf(0, 100).Select(Number)),
            ["assessedCode"] = (Gen.OneOf(lines).Select(Text), Gen.OneOf(subheadings).Select(Text)),
            ["declaredCode"] = (Gen.OneOf(lines).Select(Text), Gen.OneOf(lines).Select(l => Text($"{l[..4]}.{l[4..6]}.{l[6..]}"))),
            ["originCountry"] = (Gen.OneOf("CN", "ID", "DE", "VN").Select(Text), Gen.OneOf("cn", " id ").Select(Text)),
            ["officerId"] = (Gen.Const(TestKeys.OfficerName).Select(Text), Gen.OneOf(TestKeys.OfficerName, "another-officer").Select(Text)),
            ["assessedAt"] = (Gen.Int[1, 3_000].Select(days => Text(AssessedBefore.AddDays(-days).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))),
                Gen.OneOf("1900-01-01T00:00:00Z", "2024-02-29T23:59:59-12:00", "2025-01-01T00:00:00+14:00").Select(Text)),
            ["version"] = (versions, versions),
            ["toVersion"] = (versions, versions),
            ["assessmentId"] = (Gen.Guid.Select(g => Text("as-" + g.ToString("N"))), idBoundaries),
        };
        foreach (var field in new[] { "id", "importerId", "agentId", "declarationId" })
        {
            _byField[field] = (ids, idBoundaries);
        }
    }

    public Gen<JsonNode?>? For(string field, bool boundary) =>
        _byField.TryGetValue(field, out var samples) ? boundary ? samples.Boundary : samples.Valid : null;

    private static JsonNode? Text(string value) => JsonValue.Create(value);

    private static JsonNode? Number(int value) => JsonValue.Create(value);
}
