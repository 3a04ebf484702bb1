using System.Buffers.Binary;
using CsCheck;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;
using HsActors.Fuzzing;

namespace HsActors.Classification.Tests;

/// <summary>
/// Model blobs come from a registry or a directory an administrator may have filled by hand. Damaged ones, and ones
/// whose payload is garbage under a valid checksum (a writer of another build, a crafted file), are refused with
/// the one documented <see cref="ModelFileException"/>: never another exception, never a long stall allocating what
/// a damaged header claims.
/// </summary>
[Collection(ThreeChapterCollection.Name)]
public sealed class ModelFileFuzzTests(ThreeChapterCorpus corpus)
{
    private const int NormalRun = 400;

    private static readonly ModelMetadata Metadata = new() { Version = "v-fuzz", CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "fuzz tests", TrainingRows = 1 };

    [Fact]
    public void A_damaged_file_fails_its_envelope_with_a_model_file_error()
    {
        var file = ChapterModelFile.Write(corpus.Set.Chapters[0], Metadata);
        var failures = new List<string>();
        foreach (var (number, damage) in SeededSamples.Of(ByteDamage.Any.Array[1, 3], NormalRun))
        {
            var damaged = damage.Aggregate(file, (bytes, change) => change(bytes));
            if (damaged.AsSpan().SequenceEqual(file))
            {
                continue;
            }
            if (Outcome(() => ModelEnvelope.Unwrap(damaged, ModelKind.Chapter, "fuzz.hsm")) is { } unexpected)
            {
                failures.Add($"#{number} ({damaged.Length} bytes): {unexpected}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void Garbage_under_a_valid_checksum_is_a_model_file_error_too()
    {
        var chapterPayload = ModelEnvelope.Unwrap(ChapterModelFile.Write(corpus.Set.Chapters[0], Metadata), ModelKind.Chapter, "chapter").ToArray();
        var routerFile = RouterModelFile.Write(corpus.Set.Router, Metadata);
        var routerPayload = ModelEnvelope.Unwrap(routerFile, ModelKind.Router, "router", out var routerVersion).ToArray();
        var failures = new List<string>();
        var cases = Gen.Select(Gen.Bool, ByteDamage.Any.Array[1, 4], Gen.Byte.Array[0, 64], Gen.Int[0, 9], (router, damage, noise, pure) => (router, damage, noise, pure));
        foreach (var (number, (router, damage, noise, pure)) in SeededSamples.Of(cases, NormalRun))
        {
            // Mostly a real payload with a few bytes changed, which reaches deep into the reader; sometimes pure noise.
            var payload = pure == 0 ? noise : damage.Aggregate(router ? routerPayload : chapterPayload, (bytes, change) => change(bytes));
            Func<object> read = router
                ? () => RouterModelFile.Read(ModelEnvelope.Wrap(ModelKind.Router, payload, routerVersion), "fuzz router")
                : () => ChapterModelFile.Read(ModelEnvelope.Wrap(ModelKind.Chapter, payload), "fuzz chapter");
            if (Outcome(read) is { } unexpected)
            {
                failures.Add($"#{number} {(router ? "router" : "chapter")} payload of {payload.Length} bytes: {unexpected}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    /// <summary>
    /// Found reading the readers for this fuzzer (random damage rarely lands on a count): a feature count of 2^31 - 1
    /// had the reader allocate 8 GB before the payload ran out.
    /// </summary>
    [Fact]
    public void A_feature_count_beyond_the_payload_is_refused_before_anything_is_allocated()
    {
        var payload = ModelEnvelope.Unwrap(ChapterModelFile.Write(corpus.Set.Chapters[0], Metadata), ModelKind.Chapter, "chapter").ToArray();
        var metadataLength = MetadataLength(payload);
        // After the metadata: the chapter's digits (a length byte and two digits), then the feature map's count.
        var at = metadataLength + 3;
        byte[] huge = [0xFF, 0xFF, 0xFF, 0xFF, 0x07];
        var crafted = ModelEnvelope.Wrap(ModelKind.Chapter, [.. payload.AsSpan(0, at), .. huge, .. payload.AsSpan(at + 1)]);

        var error = Assert.Throws<ModelFileException>(() => ChapterModelFile.Read(crafted, "crafted.hsm"));

        Assert.Contains("implausible count 2147483647", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Found the same way: a weight matrix header of 1 class × 2^29 features allocated 2 GB.</summary>
    [Fact]
    public void A_weight_matrix_larger_than_the_payload_is_refused_before_anything_is_allocated()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            new Learning.LinearModel(1, 1, [0.5f], [0f]).WriteTo(writer);
        }
        var model = buffer.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(model.AsSpan(12), 1 << 29); // magic, version, classes, then features

        using var reader = new BinaryReader(new MemoryStream(model));
        var error = Assert.Throws<InvalidDataException>(() => Learning.LinearModel.ReadFrom(reader));

        Assert.Contains("bytes left", error.Message, StringComparison.Ordinal);
    }

    private static string? Outcome(Func<object> read)
    {
        try
        {
            read();
            return null;
        }
        catch (ModelFileException)
        {
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>The payload starts with the metadata as a length-prefixed string.</summary>
    private static int MetadataLength(byte[] payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload));
        _ = reader.ReadString();
        return (int)reader.BaseStream.Position;
    }
}
