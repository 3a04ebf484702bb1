namespace HsActors.Contracts.Models;

/// <summary>A chapter's pointer, its versions newest first with their figures, and the pointer's recent changes.</summary>
public sealed record ModelChapterDetail(ModelChapterSummary Chapter, IReadOnlyList<ModelVersionInfo> Versions, IReadOnlyList<PointerChangeInfo> History);
