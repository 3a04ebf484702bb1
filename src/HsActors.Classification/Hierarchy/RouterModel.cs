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

    /// <summary>The indices (into <see cref="Chapters"/>) of the most probable chapters, best first: as many as fit <paramref name="best"/>.</summary>
    public int TopChapters(in SparseVector features, Span<int> best)
    {
        Span<float> probabilities = stackalloc float[Chapters.Count];
        ChapterProbabilities(features, probabilities);
        return TopIndices.Select(probabilities, best);
    }
}
