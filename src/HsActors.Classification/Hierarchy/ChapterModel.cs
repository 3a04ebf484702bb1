using System.Buffers;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>
/// One chapter's two layers. The subheading layer (6 digits) is a LinearSVC over a chapter-local feature space, trained
/// from every row of the chapter; below each subheading a small model tells its national lines (8 digits) apart
/// (<see cref="SubheadingLines"/>). P(line) is P(subheading) × P(line | its siblings), so 6-digit public references and
/// 8-digit tariff rows both teach it.
/// </summary>
public sealed class ChapterModel
{
    public ChapterModel(
        HsCode chapter,
        FeatureMap features,
        IReadOnlyList<HsCode> subheadings,
        LinearModel? subheadingModel,
        SoftmaxCalibration subheadingCalibration,
        IReadOnlyList<SubheadingLines> lines,
        SoftmaxCalibration nationalLineCalibration)
    {
        if (lines.Count != subheadings.Count)
        {
            throw new ArgumentException($"{lines.Count} line groups for {subheadings.Count} subheadings.", nameof(lines));
        }
        for (var s = 0; s < subheadings.Count; s++)
        {
            if (lines[s].Subheading != subheadings[s])
            {
                throw new ArgumentException($"Line group {s} belongs to {lines[s].Subheading}, not {subheadings[s]}.", nameof(lines));
            }
        }
        Chapter = chapter;
        Features = features;
        Subheadings = subheadings;
        SubheadingModel = subheadingModel;
        SubheadingCalibration = subheadingCalibration;
        Lines = lines;
        NationalLineCalibration = nationalLineCalibration;
        NationalLines = [.. lines.SelectMany(l => l.Lines)];
    }

    public HsCode Chapter { get; }

    public FeatureMap Features { get; }

    public IReadOnlyList<HsCode> Subheadings { get; }

    /// <summary>Null when the chapter has a single subheading.</summary>
    public LinearModel? SubheadingModel { get; }

    public SoftmaxCalibration SubheadingCalibration { get; }

    /// <summary>For each subheading (same index as <see cref="Subheadings"/>), its national lines and their model.</summary>
    public IReadOnlyList<SubheadingLines> Lines { get; }

    public SoftmaxCalibration NationalLineCalibration { get; }

    /// <summary>Every national line of the chapter, grouped by subheading in subheading order.</summary>
    public IReadOnlyList<HsCode> NationalLines { get; }

    public ChapterModel WithCalibration(SoftmaxCalibration subheadings, SoftmaxCalibration nationalLines) =>
        new(Chapter, Features, Subheadings, SubheadingModel, subheadings, Lines, nationalLines);

    /// <summary>Adds every code of this chapter to <paramref name="output"/>, each weighted by the chapter's own probability.</summary>
    public void Rank(in SparseVector globalFeatures, float chapterProbability, List<CodeRecommendation> output) =>
        Rank(globalFeatures, chapterProbability, int.MaxValue, output);

    /// <summary>
    /// Adds the codes of the <paramref name="subheadingsToExpand"/> most probable subheadings. A line's probability never
    /// exceeds its subheading's, so the codes left out are ones a short ranking would not have reached.
    /// </summary>
    public void Rank(in SparseVector globalFeatures, float chapterProbability, int subheadingsToExpand, List<CodeRecommendation> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subheadingsToExpand, 1);
        var subCount = Subheadings.Count;
        if (subheadingsToExpand >= subCount)
        {
            // Every subheading, in subheading order: no selection needed.
            var floats = ArrayPool<float>.Shared;
            var all = floats.Rent(subCount);
            try
            {
                _ = SubheadingProbabilities(globalFeatures, all.AsSpan(0, subCount));
                for (var s = 0; s < subCount; s++)
                {
                    AddLines(s, globalFeatures, chapterProbability * all[s], output);
                }
            }
            finally
            {
                floats.Return(all);
            }
            return;
        }
        var best = ArrayPool<int>.Shared.Rent(subheadingsToExpand);
        var probabilities = ArrayPool<float>.Shared.Rent(subheadingsToExpand);
        try
        {
            var count = BestSubheadings(globalFeatures, chapterProbability, best.AsSpan(0, subheadingsToExpand), probabilities.AsSpan(0, subheadingsToExpand), out _);
            for (var i = 0; i < count; i++)
            {
                AddLines(best[i], globalFeatures, probabilities[i], output);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(best);
            ArrayPool<float>.Shared.Return(probabilities);
        }
    }

    /// <summary>
    /// Writes the chapter's most probable subheadings (indices into <see cref="Subheadings"/>, best first) and their
    /// probabilities times <paramref name="chapterProbability"/>; as many as fit <paramref name="best"/>. Returns the count.
    /// <paramref name="bestMargin"/> is the best subheading's raw SVM score: how well the description fits this chapter
    /// at all, which the softmax over the chapter's own subheadings hides (positive infinity for a chapter of one
    /// subheading, which has no model and fits whatever the router sends it).
    /// </summary>
    public int BestSubheadings(in SparseVector globalFeatures, float chapterProbability, Span<int> best, Span<float> probabilities,
        out float bestMargin)
    {
        var subCount = Subheadings.Count;
        var floats = ArrayPool<float>.Shared;
        var all = floats.Rent(subCount);
        try
        {
            var span = all.AsSpan(0, subCount);
            bestMargin = SubheadingProbabilities(globalFeatures, span);
            var count = TopIndices.Select(span, best);
            for (var i = 0; i < count; i++)
            {
                probabilities[i] = chapterProbability * span[best[i]];
            }
            return count;
        }
        finally
        {
            floats.Return(all);
        }
    }

    /// <summary>Adds the national lines of one subheading (or the subheading itself when it has none) at <paramref name="pSub"/>.</summary>
    public void AddLines(int subheading, in SparseVector globalFeatures, float pSub, List<CodeRecommendation> output)
    {
        var group = Lines[subheading];
        if (group.Lines.Count == 0)
        {
            output.Add(new CodeRecommendation(Subheadings[subheading], pSub));
            return;
        }
        Span<float> p = group.Lines.Count <= 256 ? stackalloc float[group.Lines.Count] : new float[group.Lines.Count];
        group.Probabilities(globalFeatures, NationalLineCalibration, p);
        for (var i = 0; i < p.Length; i++)
        {
            output.Add(new CodeRecommendation(group.Lines[i], pSub * p[i]));
        }
    }

    /// <summary>Writes P(subheading | chapter) for every subheading; returns the best raw score.</summary>
    private float SubheadingProbabilities(in SparseVector globalFeatures, Span<float> probabilities)
    {
        if (SubheadingModel is null)
        {
            probabilities[0] = 1f;
            return float.PositiveInfinity;
        }
        var ints = ArrayPool<int>.Shared;
        var floats = ArrayPool<float>.Shared;
        var indices = ints.Rent(Math.Max(globalFeatures.Count, 1));
        var values = floats.Rent(Math.Max(globalFeatures.Count, 1));
        var scores = floats.Rent(probabilities.Length);
        try
        {
            var n = Features.ToLocal(globalFeatures, indices, values);
            SubheadingModel.Score(indices.AsSpan(0, n), values.AsSpan(0, n), scores.AsSpan(0, probabilities.Length));
            return SubheadingCalibration.Probabilities(scores.AsSpan(0, probabilities.Length), probabilities);
        }
        finally
        {
            ints.Return(indices);
            floats.Return(values);
            floats.Return(scores);
        }
    }
}
