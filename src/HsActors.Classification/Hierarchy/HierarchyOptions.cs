namespace HsActors.Classification.Hierarchy;

public sealed record HierarchyOptions
{
    /// <summary>How many of the router's best chapters get their chapter model consulted.</summary>
    public int ChaptersToExpand { get; init; } = 5;

    /// <summary>
    /// How many of a consulted chapter's best subheadings get their national lines ranked. Rankings show a handful of
    /// codes, and no line outranks its own subheading, so the rest would only be scored to be dropped.
    /// </summary>
    public int SubheadingsToExpand { get; init; } = 5;
}
