namespace HsActors.Contracts.Models;

public sealed record ModelChapterList(IReadOnlyList<ModelChapterSummary> Chapters);
