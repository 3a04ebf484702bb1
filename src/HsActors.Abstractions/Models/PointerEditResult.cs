using HsActors.Abstractions.Blobs;

namespace HsActors.Abstractions.Models;

/// <summary>
/// What the chapter grain answers: the update, or why the registry refused it. Refusals travel as data rather than as
/// exceptions, so the caller on another silo rethrows exactly the registry's exception type with its details.
/// </summary>
[GenerateSerializer, Immutable, Alias("hsactors.pointer-edit-result")]
public sealed record PointerEditResult([property: Id(0)] PointerUpdate? Update, [property: Id(1)] PointerEditFailure? Failure)
{
    public static PointerEditResult Succeeded(PointerUpdate update) => new(update, null);

    /// <summary>The registry's exception as data; other exceptions propagate as they are.</summary>
    public static PointerEditResult? Refused(Exception exception) => exception switch
    {
        ChapterPinnedException e => new(null, new(PointerEditFailureKind.Pinned, e.Chapter, e.Message) { PinReason = e.PinReason }),
        PointerChangeRejectedException e => new(null, new(PointerEditFailureKind.Rejected, e.Chapter, e.Message)),
        ConcurrentPointerUpdateException e => new(null, new(PointerEditFailureKind.Conflict, e.Chapter, e.Message) { ExpectedETag = e.ExpectedETag, CurrentETag = e.CurrentETag }),
        ModelVersionNotFoundException e => new(null, new(PointerEditFailureKind.VersionNotFound, e.Chapter, e.Message) { Version = e.Version, Detail = e.Detail }),
        ModelVersionCorruptedException e => new(null, new(PointerEditFailureKind.VersionCorrupted, e.Chapter, e.Message) { Version = e.Version, Detail = e.Detail }),
        _ => null,
    };

    /// <summary>The update, or the refusal rethrown as the registry's own exception.</summary>
    public PointerUpdate GetUpdateOrThrow() => Update ?? throw Failure!.ToException();
}

public enum PointerEditFailureKind
{
    Rejected,
    Pinned,
    Conflict,
    VersionNotFound,
    VersionCorrupted,
}

[GenerateSerializer, Immutable, Alias("hsactors.pointer-edit-failure")]
public sealed record PointerEditFailure([property: Id(0)] PointerEditFailureKind Kind, [property: Id(1)] string Chapter, [property: Id(2)] string Message)
{
    [Id(3)]
    public string? PinReason { get; init; }

    [Id(4)]
    public BlobETag? ExpectedETag { get; init; }

    [Id(5)]
    public BlobETag? CurrentETag { get; init; }

    [Id(6)]
    public string? Version { get; init; }

    [Id(7)]
    public string? Detail { get; init; }

    public ModelRegistryException ToException() => Kind switch
    {
        PointerEditFailureKind.Pinned => new ChapterPinnedException(Chapter, PinReason),
        PointerEditFailureKind.Conflict => new ConcurrentPointerUpdateException(Chapter, ExpectedETag, CurrentETag, Message),
        PointerEditFailureKind.VersionNotFound => new ModelVersionNotFoundException(Chapter, Version ?? "", Detail ?? Message),
        PointerEditFailureKind.VersionCorrupted => new ModelVersionCorruptedException(Chapter, Version ?? "", Detail ?? Message),
        _ => new PointerChangeRejectedException(Chapter, Message),
    };
}
