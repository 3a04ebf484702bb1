using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using HsActors.Abstractions.Models;
using HsActors.Fuzzing;

namespace HsActors.ModelRegistry.Tests;

/// <summary>
/// Manifests and pointers are JSON documents in a blob store, which administrators read and (the docs allow it) repair
/// by hand. Whatever such a document holds, decoding gives a complete document of the blob's own chapter (and
/// version), or the registry's documented refusal: <see cref="ModelVersionCorruptedException"/> for a manifest,
/// <see cref="ModelRegistryException"/> for a pointer. Never another exception, and never a document with a null
/// where its type promises a value, which would fail later and elsewhere.
/// </summary>
public sealed class RegistryDocumentFuzzTests
{
    private const int NormalRun = 1_500;
    private const string Chapter = "09";
    private const string Version = "20260101T000000000Z-abcdef";

    private static readonly ModelVersionManifest Manifest = new()
    {
        Chapter = Chapter,
        Version = Version,
        ParentVersion = "20250101T000000000Z-123456",
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        CreatedBy = "retrainer",
        TrainingSummary = new Dictionary<string, TrainingSummaryValue> { ["rows"] = TrainingSummaryValue.Of(1200), ["sources"] = TrainingSummaryValue.Of("bundled+officers") },
        Figures = new Dictionary<string, double> { ["heldOut.top1At8"] = 0.81 },
        ContentSha256 = new string('a', 64),
        Size = 4096,
        Notes = "fuzz",
    };

    private static readonly ChapterPointer Pointer = new()
    {
        Chapter = Chapter,
        ActiveVersion = Version,
        CanaryVersion = "20250101T000000000Z-123456",
        CanaryPercent = 10,
        Revision = 3,
        UpdatedAt = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero),
        UpdatedBy = "admin",
        History =
        [
            new PointerChange { Id = "c1", Chapter = Chapter, Revision = 3, Action = PointerAction.SetCanary, At = DateTimeOffset.UnixEpoch, By = "admin", ToVersion = Version, CanaryPercent = 10 },
        ],
    };

    private static readonly Gen<JsonNode?> OddValue = Gen.Frequency(
        (3, Gen.Const(() => (JsonNode?)null)),
        (3, HostileText.Any.Where(t => t.Length < 2_000).Select(t => (JsonNode?)JsonValue.Create(t))),
        (2, Gen.OneOf<long>(0, -1, long.MaxValue, long.MinValue).Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Const(() => (JsonNode?)JsonValue.Create(true))),
        (1, Gen.Const(() => (JsonNode?)new JsonArray(JsonValue.Create(1)))),
        (1, Gen.Const(() => (JsonNode?)new JsonObject { ["x"] = null })),
        (1, Gen.Const(() => (JsonNode?)new JsonArray((JsonNode?)null))));

    [Fact]
    public void A_manifest_decodes_complete_or_is_refused_as_corrupted()
    {
        var failures = Failures(RegistryDocuments.Encode(Manifest), bytes =>
        {
            try
            {
                var manifest = RegistryDocuments.DecodeManifest(Chapter, Version, "models/09/x.manifest.json", bytes);
                return manifest.Chapter == Chapter && manifest.Version == Version && manifest.CreatedBy is not null && manifest.ContentSha256 is not null
                    && manifest.TrainingSummary is not null && manifest.Figures is not null ? null : $"incomplete manifest decoded: {manifest}";
            }
            catch (ModelVersionCorruptedException)
            {
                return null;
            }
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void A_pointer_decodes_complete_or_is_refused()
    {
        var failures = Failures(RegistryDocuments.Encode(Pointer), bytes =>
        {
            try
            {
                var pointer = RegistryDocuments.DecodePointer(Chapter, "pointers/09.json", bytes);
                return pointer.Chapter == Chapter && pointer.UpdatedBy is not null && pointer.History is not null
                    && pointer.History.All(c => c is not null && c.Id is not null && c.Chapter is not null && c.By is not null)
                    ? null : $"incomplete pointer decoded: {pointer} with {pointer.History?.Count} changes";
            }
            catch (ModelRegistryException)
            {
                return null;
            }
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    /// <summary>Found by the fuzzer: these decoded "successfully" into documents with nulls their types rule out.</summary>
    [Theory]
    [InlineData("createdBy", "null")]
    [InlineData("contentSha256", "null")]
    [InlineData("trainingSummary", "null")]
    [InlineData("figures", "null")]
    public void A_manifest_member_nulled_by_hand_is_a_corrupted_version(string member, string value)
    {
        var json = JsonNode.Parse(RegistryDocuments.Encode(Manifest))!.AsObject();
        json[member] = JsonNode.Parse(value);

        var error = Assert.Throws<ModelVersionCorruptedException>(() => RegistryDocuments.DecodeManifest(Chapter, Version, "m.json", Encoding.UTF8.GetBytes(json.ToJsonString())));

        Assert.Contains("m.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("updatedBy", "null")]
    [InlineData("history", "null")]
    [InlineData("history", "[null]")]
    [InlineData("history", "[{\"id\":null,\"chapter\":\"09\",\"revision\":1,\"action\":\"Promote\",\"at\":\"2026-01-01T00:00:00Z\",\"by\":\"a\"}]")]
    public void A_pointer_member_nulled_by_hand_is_refused(string member, string value)
    {
        var json = JsonNode.Parse(RegistryDocuments.Encode(Pointer))!.AsObject();
        json[member] = JsonNode.Parse(value);

        var error = Assert.Throws<ModelRegistryException>(() => RegistryDocuments.DecodePointer(Chapter, "p.json", Encoding.UTF8.GetBytes(json.ToJsonString())));

        Assert.Contains("p.json", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Found by the fuzzer: a member left out decoded as null, over the empty default the type declares.</summary>
    [Fact]
    public void A_manifest_without_its_summary_and_figures_decodes_with_empty_ones()
    {
        var json = JsonNode.Parse(RegistryDocuments.Encode(Manifest))!.AsObject();
        json.Remove("trainingSummary");
        json.Remove("figures");

        var manifest = RegistryDocuments.DecodeManifest(Chapter, Version, "m.json", Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Empty(manifest.TrainingSummary);
        Assert.Empty(manifest.Figures);
    }

    [Fact]
    public void A_pointer_without_its_history_and_author_decodes_with_empty_ones()
    {
        var json = JsonNode.Parse(RegistryDocuments.Encode(Pointer))!.AsObject();
        json.Remove("history");
        json.Remove("updatedBy");

        var pointer = RegistryDocuments.DecodePointer(Chapter, "p.json", Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Empty(pointer.History);
        Assert.Equal("", pointer.UpdatedBy);
    }

    /// <summary>
    /// The document with one member (at any depth) removed or replaced by an odd value, or its bytes damaged; each
    /// case is judged by <paramref name="problem"/> (null: as it should be).
    /// </summary>
    private static List<string> Failures(byte[] valid, Func<byte[], string?> problem)
    {
        var cases = Gen.Select(Gen.Int[0, 1_000], Gen.Int[0, 3], OddValue, Gen.Double[0, 1], Gen.Byte, (slot, kind, value, at, noise) =>
        {
            if (kind == 3)
            {
                var damaged = valid.ToArray();
                damaged[(int)(at * (damaged.Length - 1))] ^= (byte)(noise | 1);
                return damaged;
            }
            var root = JsonNode.Parse(valid)!;
            var members = Members(root).ToList();
            var (parent, name) = members[slot % members.Count];
            if (kind == 0)
            {
                parent.Remove(name);
            }
            else
            {
                parent[name] = value;
            }
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        });
        var failures = new List<string>();
        foreach (var (number, bytes) in SeededSamples.Of(cases, NormalRun))
        {
            string? found;
            try
            {
                found = problem(bytes);
            }
            catch (Exception e)
            {
                found = $"{e.GetType().Name}: {e.Message}";
            }
            if (found is not null)
            {
                failures.Add($"#{number} {Encoding.UTF8.GetString(bytes)}\n  -> {found}");
            }
        }
        return failures;
    }

    private static IEnumerable<(JsonObject Parent, string Name)> Members(JsonNode node)
    {
        if (node is JsonObject members)
        {
            foreach (var (name, child) in members.ToList())
            {
                yield return (members, name);
                if (child is not null)
                {
                    foreach (var inner in Members(child))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (node is JsonArray items)
        {
            foreach (var inner in items.OfType<JsonNode>().SelectMany(Members))
            {
                yield return inner;
            }
        }
    }
}
