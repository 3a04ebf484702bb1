using HsActors.Classification.Hierarchy;
using HsActors.Corpus;
using HsActors.Learning;
using HsActors.Text;

namespace HsActors.Classification.Training;

public sealed record TrainingOptions
{
    public CleansingOptions Cleansing { get; init; } = new();

    public TfIdfOptions Features { get; init; } = new();

    /// <summary>
    /// The router's C is below the chapters' 1: measured on the first cross-validation fold, 0.5 ranked held-out
    /// descriptions better at every level (a router's second to fifth chapters matter as much as its first), 0.25 worse.
    /// </summary>
    public LinearSvcOptions RouterSvm { get; init; } = new() { C = 0.5 };

    /// <summary>
    /// How much the router's naive Bayes second opinion (<see cref="RouterSecondOpinion"/>) weighs against its LinearSVC;
    /// 0 trains none. Chosen on the first cross-validation fold (0.3, 0.4, 0.5 and 0.7 all ranked better than none; 0.4
    /// best) and checked on all five (README).
    /// </summary>
    public float RouterNaiveBayesWeight { get; init; } = 0.4f;

    /// <summary>
    /// The smoothing of the router's naive Bayes. TF-IDF rows carry fractions of a count, so sklearn's default of 1
    /// drowns them; 0.1 ranked best on the first fold (0.01 and 0.03 within noise of it, 0.3 clearly worse).
    /// </summary>
    public double RouterNaiveBayesAlpha { get; init; } = 0.1;

    public LinearSvcOptions ChapterSvm { get; init; } = new();

    public HierarchyOptions Hierarchy { get; init; } = new();

    /// <summary>
    /// Share of rows (grouped by cleansed text) held out to fit the softmax temperatures; the models are then retrained
    /// on everything. 0 keeps temperature 1 and halves training time.
    /// </summary>
    public double CalibrationHoldout { get; init; } = 0.1;

    /// <summary>
    /// Multiplies the weight of descriptions of real goods (everything but the nomenclature's own labels). They are few
    /// next to the tariff's labels yet worded like the declarations the model will see.
    /// </summary>
    public float GoodsDescriptionWeight { get; init; } = 1f;

    /// <summary>The training weight of <paramref name="row"/>: its own weight, raised for descriptions of goods.</summary>
    public float WeightOf(LabeledDescription row) =>
        DescriptionSources.IsNomenclature(row.Source) ? row.Weight : row.Weight * GoodsDescriptionWeight;
}
