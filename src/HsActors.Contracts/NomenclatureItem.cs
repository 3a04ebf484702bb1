namespace HsActors.Contracts;

public sealed record NomenclatureItem(string Code, int Level, string DescriptionEn, string? DescriptionId, string Label, IReadOnlyList<NomenclatureItem> Parents);
