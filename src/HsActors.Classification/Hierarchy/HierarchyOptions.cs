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

    /// <summary>
    /// How many of the router's best chapters a ranking always shows by their best code, in place of its least probable
    /// codes (never more than half of it). Ordered purely by probability, the tail of a ten-code list is spent on close
    /// variants within the first chapter; a reader is better served by the next chapters' best candidates.
    /// </summary>
    public int AlternativeChapters { get; init; } = 5;

    /// <summary>
    /// After the alternative chapters, how many of the most probable subheadings a ranking shows by their best national
    /// line, within the same budget of half the list: otherwise one subheading's many lines can fill it.
    /// </summary>
    public int AlternativeSubheadings { get; init; } = 6;

    /// <summary>After the alternative subheadings, how many of the most probable headings, within the same budget.</summary>
    public int AlternativeHeadings { get; init; } = 6;
}
