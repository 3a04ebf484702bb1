using System.Text.Json;
using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

/// <summary>JSON encoding of manifests and pointers; a document that does not parse is reported with its blob name.</summary>
internal static class RegistryDocuments
{
    public static byte[] Encode(ModelVersionManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, ModelRegistryJsonContext.Default.ModelVersionManifest);

    public static byte[] Encode(ChapterPointer pointer) =>
        JsonSerializer.SerializeToUtf8Bytes(pointer, ModelRegistryJsonContext.Default.ChapterPointer);

    public static ModelVersionManifest DecodeManifest(string chapter, string version, string blobName, ReadOnlyMemory<byte> json)
    {
        ModelVersionManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json.Span, ModelRegistryJsonContext.Default.ModelVersionManifest);
        }
        catch (JsonException ex)
        {
            throw new ModelVersionCorruptedException(chapter, version, $"manifest '{blobName}' is not a valid manifest document: {ex.Message}", ex);
        }

        if (manifest is null || manifest.Chapter != chapter || manifest.Version != version)
        {
            throw new ModelVersionCorruptedException(chapter, version,
                $"manifest '{blobName}' describes chapter '{manifest?.Chapter}' version '{manifest?.Version}', not the blob it sits next to.");
        }

        // The source generator sets an init-only member the document leaves out to null, over its initialiser; these
        // may be left out (a hand-written document, or one written before the member existed), so they get the
        // type's own default. An explicit null is refused above (RespectNullableAnnotations).
        return manifest with
        {
            TrainingSummary = manifest.TrainingSummary ?? new Dictionary<string, TrainingSummaryValue>(),
            Figures = manifest.Figures ?? new Dictionary<string, double>(),
        };
    }

    public static ChapterPointer DecodePointer(string chapter, string blobName, ReadOnlyMemory<byte> json)
    {
        ChapterPointer? pointer;
        try
        {
            pointer = JsonSerializer.Deserialize(json.Span, ModelRegistryJsonContext.Default.ChapterPointer);
        }
        catch (JsonException ex)
        {
            throw new ModelRegistryException(chapter, $"Pointer document '{blobName}' is not valid JSON for a chapter pointer: {ex.Message}; repair it by hand.", ex);
        }

        if (pointer is null || pointer.Chapter != chapter)
        {
            throw new ModelRegistryException(chapter, $"Pointer document '{blobName}' names chapter '{pointer?.Chapter}'; repair it by hand.");
        }

        // Nullable annotations reach members, not the items of a list.
        if (pointer.History?.Any(change => change is null) == true)
        {
            throw new ModelRegistryException(chapter, $"Pointer document '{blobName}' has a null entry in its history; repair it by hand.");
        }

        // As for manifests: members the document may leave out get the type's default, not the generator's null.
        return pointer with { UpdatedBy = pointer.UpdatedBy ?? string.Empty, History = pointer.History ?? [] };
    }
}
