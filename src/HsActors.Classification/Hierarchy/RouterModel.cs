using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>The coarse classifier: which HS chapters a description most probably belongs to.</summary>
public sealed class RouterModel(DescriptionFeaturizer featurizer, IReadOnlyList<HsCode> chapters, LinearModel model, SoftmaxCalibration calibration)
{
    public DescriptionFeaturizer Featurizer { get; } = featurizer;

    public IReadOnlyList<HsCode> Chapters { get; } = chapters;

    public LinearModel Model { get; } = model;

    public SoftmaxCalibration Calibration { get; } = calibration;

    public void ChapterProbabilities(in SparseVector features, Span<float> probabilities)
    {
        Span<float> scores = stackalloc float[Chapters.Count];
        Model.Score(features, scores);
        Calibration.Probabilities(scores, probabilities);
    }
}
