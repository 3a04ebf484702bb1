namespace HsActors.Classification.Hierarchy;

public sealed record HierarchyOptions
{
    /// <summary>How many of the router's best chapters get their chapter model consulted.</summary>
    public int ChaptersToExpand { get; init; } = 3;
}
