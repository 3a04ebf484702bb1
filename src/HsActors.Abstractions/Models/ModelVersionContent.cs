namespace HsActors.Abstractions.Models;

/// <summary>A model version's bytes, verified against both the store's recorded hash and the manifest's.</summary>
public sealed record ModelVersionContent(ModelVersionManifest Manifest, ReadOnlyMemory<byte> Content);
