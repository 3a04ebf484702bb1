namespace HsActors.Nomenclature;

/// <summary>
/// One line of the merged nomenclature. <see cref="DescriptionEn"/> is the WCO text where the WCO has the code,
/// else the BTKI English fragment (leading dashes removed); <see cref="DescriptionId"/> is the BTKI Indonesian text.
/// </summary>
public sealed record NomenclatureEntry(HsCode Code, string DescriptionEn, string? DescriptionId, string Section)
{
    /// <summary>Which bundled source(s) list this code.</summary>
    public NomenclatureSources Sources { get; init; }
}

[Flags]
public enum NomenclatureSources
{
    None = 0,
    Wco = 1,
    Btki = 2,
    /// <summary>Not in either file as a line of its own (a fixed title, e.g. the national chapters 98 and 99).</summary>
    Fixed = 4,
}
