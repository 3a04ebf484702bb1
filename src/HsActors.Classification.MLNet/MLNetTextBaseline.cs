using HsActors.Classification.Evaluation;
using HsActors.Nomenclature;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HsActors.Classification.MLNet;

/// <summary>
/// An ML.NET pipeline measured on the cross-validation folds: ML.NET's own text featurization (FeaturizeText: normalised
/// word unigrams and bigrams plus character trigrams, L2-normalised) and a maximum-entropy trainer, over the codes of
/// one level. It gets the same cleansed rows and row weights as our learners.
/// </summary>
public sealed class MLNetTextBaseline : ITextBaseline
{
    private const string Features = "Features";
    private const string Label = "Label";

    public MLNetTextBaseline(MLNetTrainer trainer, int level, int seed = 1)
    {
        if (level is not (2 or 4 or 6 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "An ML.NET baseline classifies at 2, 4, 6 or 8 digits.");
        }

        Trainer = trainer;
        Level = level;
        Seed = seed;
    }

    public MLNetTrainer Trainer { get; }

    public int Level { get; }

    public int Seed { get; }

    public string Name => $"ML.NET {Trainer} (FeaturizeText, flat, {Level} digits)";

    public ITextRanker Train(IReadOnlyList<TextTrainingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var classes = rows.Select(r => r.Code).Distinct().Count();
        if (classes < 2)
        {
            throw new ArgumentException($"An ML.NET classifier needs rows of at least 2 codes; these have {classes}.", nameof(rows));
        }

        var wrongLevel = rows.FirstOrDefault(r => r.Code.Level != Level);
        if (wrongLevel is not null)
        {
            throw new ArgumentException($"Row '{wrongLevel.Text}' is labelled {wrongLevel.Code}; this baseline trains on {Level}-digit codes.", nameof(rows));
        }

        var ml = new MLContext(Seed);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new MLNetRow { Text = r.Text, Code = r.Code.Digits, Weight = r.Weight }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey(Label, nameof(MLNetRow.Code))
            .Append(ml.Transforms.Text.FeaturizeText(Features, nameof(MLNetRow.Text)))
            // Both trainers pass over the data many times; without the cache each pass would featurize again.
            .AppendCacheCheckpoint(ml)
            .Append(CreateTrainer(ml));
        var model = pipeline.Fit(data);
        var engine = ml.Model.CreatePredictionEngine<MLNetRow, MLNetPrediction>(model);
        return new MLNetTextRanker(engine, ClassesOf(engine.OutputSchema));
    }

    private IEstimator<ITransformer> CreateTrainer(MLContext ml) => Trainer switch
    {
        MLNetTrainer.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(Label, Features, nameof(MLNetRow.Weight)),
        MLNetTrainer.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(Label, Features, nameof(MLNetRow.Weight)),
        _ => throw new ArgumentOutOfRangeException(nameof(Trainer), Trainer, "Unknown ML.NET trainer."),
    };

    /// <summary>The code of each score slot: the label key's values, which the trainer's score column carries as slot names.</summary>
    private static HsCode[] ClassesOf(DataViewSchema schema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => HsCode.Parse(n.ToString()))];
    }
}
