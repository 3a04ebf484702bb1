namespace HsActors.Abstractions.Models;

/// <summary>An automatic promotion met a pinned chapter.</summary>
public sealed class ChapterPinnedException : PointerChangeRejectedException
{
    public ChapterPinnedException(string chapter, string? pinReason)
        : base(chapter, $"Chapter '{chapter}' is pinned against automatic promotion ({pinReason ?? "no reason given"}); promote it by hand or unpin it.")
    {
        PinReason = pinReason;
    }

    public string? PinReason { get; }
}
