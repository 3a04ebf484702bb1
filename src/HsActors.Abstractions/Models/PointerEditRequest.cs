using HsActors.Abstractions.Blobs;

namespace HsActors.Abstractions.Models;

/// <summary>
/// One pointer change as it travels to the chapter grain that owns the pointer: the <see cref="IModelRegistry"/> change
/// methods' arguments in one record. <see cref="Version"/> is the version to promote, roll back to, canary or shadow;
/// <see cref="ExpectedETag"/> makes the change a compare-and-swap against the pointer the caller looked at.
/// </summary>
[GenerateSerializer, Immutable, Alias("hsactors.pointer-edit")]
public sealed record PointerEditRequest(
    [property: Id(0)] PointerAction Action,
    [property: Id(1)] string By,
    [property: Id(2)] string? Version = null,
    [property: Id(3)] int? CanaryPercent = null,
    [property: Id(4)] string? Reason = null,
    [property: Id(5)] BlobETag? ExpectedETag = null);
