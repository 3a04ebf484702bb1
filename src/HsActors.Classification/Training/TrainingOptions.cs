using HsActors.Classification.Hierarchy;
using HsActors.Learning;
using HsActors.Text;

namespace HsActors.Classification.Training;

public sealed record TrainingOptions
{
    public CleansingOptions Cleansing { get; init; } = new();

    public TfIdfOptions Features { get; init; } = new();

    public LinearSvcOptions RouterSvm { get; init; } = new();

    public LinearSvcOptions ChapterSvm { get; init; } = new();

    public HierarchyOptions Hierarchy { get; init; } = new();

    /// <summary>
    /// Share of rows (grouped by cleansed text) held out to fit the softmax temperatures; the models are then retrained
    /// on everything. 0 keeps temperature 1 and halves training time.
    /// </summary>
    public double CalibrationHoldout { get; init; } = 0.1;
}
