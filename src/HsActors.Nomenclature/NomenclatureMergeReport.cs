namespace HsActors.Nomenclature;

/// <summary>How the WCO and BTKI files overlapped when the bundled nomenclature was merged (the union is kept).</summary>
public sealed record NomenclatureMergeReport(
    int WcoChapters,
    int WcoHeadings,
    int WcoSubheadings,
    int BtkiHeadings,
    int BtkiSubheadings,
    int BtkiNationalLines,
    int HeadingsOnlyInWco,
    int HeadingsOnlyInBtki,
    int SubheadingsOnlyInWco,
    int SubheadingsOnlyInBtki,
    int ChaptersWithFixedTitle,
    int WcoTotalRowsDropped);
