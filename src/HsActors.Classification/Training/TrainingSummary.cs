namespace HsActors.Classification.Training;

public sealed record TrainingSummary(
    int Rows,
    int EmptyAfterCleansing,
    int Features,
    int Chapters,
    int Subheadings,
    int NationalLines,
    double RouterTemperature,
    double SubheadingTemperature,
    double NationalLineTemperature,
    TimeSpan Elapsed,
    DateTimeOffset TrainedAt);
