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

        return manifest;
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

        return pointer;
    }
}
