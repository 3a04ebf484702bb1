using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Nomenclature;
using Microsoft.ML;

namespace HsActors.Classification.MLNet;

/// <summary>A trained ML.NET pipeline ranking one description at a time (a PredictionEngine is not thread-safe: one caller at a time).</summary>
internal sealed class MLNetTextRanker(PredictionEngine<MLNetRow, MLNetPrediction> engine, HsCode[] classes) : ITextRanker
{
    private readonly MLNetRow _row = new();
    private MLNetPrediction _prediction = new(); // reused by Predict(ref) to spare an allocation per line

    public IReadOnlyList<CodeRecommendation> Rank(string cleanedText, int depth)
    {
        _row.Text = cleanedText;
        engine.Predict(_row, ref _prediction);
        return ProbabilityRanking.Top(_prediction.Score, classes, depth);
    }
}
