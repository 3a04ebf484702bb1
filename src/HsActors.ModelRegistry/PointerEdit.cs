using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

/// <summary>One decided change: the pointer's new slots and what the audit record says about it.</summary>
internal sealed record PointerEdit(ChapterPointer Next, PointerAction Action, string? FromVersion, string? ToVersion, int? CanaryPercent = null);
