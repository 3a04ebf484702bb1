namespace HsActors.Classification.Hierarchy;

public sealed record HierarchyOptions
{
    /// <summary>How many of the router's best chapters get their chapter model consulted.</summary>
    public int ChaptersToExpand { get; init; } = 5;

    /// <summary>
    /// How strongly the consulted chapters' own models re-weigh the router's chapter probabilities (0: not at all). Each
    /// consulted chapter's probability is multiplied by the logistic of slope × (its best subheading's SVM score −
    /// <see cref="ChapterFitMidpoint"/>), then the consulted chapters' probabilities are scaled back to the share the
    /// router gave them. The router tells 98 chapters apart; a chapter model knows its subheadings in detail, and a
    /// description that fits none of them well is unlikely to belong to the chapter (measured in the README).
    /// </summary>
    public float ChapterFitSlope { get; init; } = 5f;

    /// <summary>
    /// Softens (above 1) or sharpens the consulted chapters' probabilities after the re-weighing: each becomes
    /// proportional to its 1/T-th power, their total kept. The order of the chapters never changes; codes of different
    /// chapters may trade places, since a code's probability is its chapter's times its own within the chapter.
    /// </summary>
    public float ChapterTemperature { get; init; } = 1f;

    /// <summary>The best-subheading SVM score at which a chapter's probability is halved before re-scaling.</summary>
    public float ChapterFitMidpoint { get; init; } = 0f;

    /// <summary>The factor a chapter's probability is multiplied by before re-scaling (see <see cref="ChapterFitSlope"/>).</summary>
    public float ChapterFit(float bestMargin) =>
        ChapterFitSlope == 0f || float.IsPositiveInfinity(bestMargin) ? 1f : 1f / (1f + MathF.Exp(-ChapterFitSlope * (bestMargin - ChapterFitMidpoint)));

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
