namespace HsActors.Contracts.Models;

/// <summary>One change of a chapter's pointer: promote, autopromote, rollback, setcanary, clearcanary, setshadow, clearshadow, pin, unpin.</summary>
public sealed record PointerChangeInfo(long Revision, string Action, DateTimeOffset At, string By, string? FromVersion, string? ToVersion, int? CanaryPercent, string? Reason);
