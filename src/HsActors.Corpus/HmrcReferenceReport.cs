namespace HsActors.Corpus;

/// <summary>
/// What happened to each HMRC reference row. UK commodity codes agree with the HS on 6 digits only, and a few
/// name subheadings HS2022 does not have: those are labelled with their heading when it exists, else skipped.
/// </summary>
public sealed record HmrcReferenceReport(
    int CsvRows,
    int JsonTerms,
    int Accepted,
    int LabelledAtSubheading,
    int LabelledAtHeading,
    int MalformedSkipped,
    int UnknownCodeSkipped,
    IReadOnlyList<string> Skipped);
