using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>The coarse classifier: which HS chapters a description most probably belongs to.</summary>
public sealed class RouterModel(DescriptionFeaturizer featurizer, IReadOnlyList<HsCode> chapters, LinearModel model, SoftmaxCalibration calibration,
    RouterSecondOpinion? secondOpinion = null)
{
    public DescriptionFeaturizer Featurizer { get; } = featurizer;

    public IReadOnlyList<HsCode> Chapters { get; } = chapters;

    public LinearModel Model { get; } = model;

    public SoftmaxCalibration Calibration { get; } = calibration;

    /// <summary>Naive Bayes blended into the LinearSVC's scores; null when the router is the LinearSVC alone.</summary>
    public RouterSecondOpinion? SecondOpinion { get; } = secondOpinion;

    public RouterModel WithCalibration(SoftmaxCalibration calibration) => new(Featurizer, Chapters, Model, calibration, SecondOpinion);

    /// <summary>The uncalibrated chapter scores the softmax turns into probabilities.</summary>
    public void Scores(in SparseVector features, Span<float> scores)
    {
        Model.Score(features, scores);
        SecondOpinion?.Blend(features, scores);
    }

    public void ChapterProbabilities(in SparseVector features, Span<float> probabilities)
    {
        Span<float> scores = stackalloc float[Chapters.Count];
        Scores(features, scores);
        Calibration.Probabilities(scores, probabilities);
    }
}
