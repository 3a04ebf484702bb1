using System.Buffers;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>
/// One chapter's two LinearSVC layers over a chapter-local feature space: subheadings (6 digits), trained from every row
/// of the chapter, and national lines (8 digits), trained from the rows that carry 8 digits. P(line) is
/// P(subheading) × P(line | its sibling lines), so 6-digit public references and 8-digit tariff rows both teach it.
/// </summary>
public sealed class ChapterModel
{
    public ChapterModel(
        HsCode chapter,
        FeatureMap features,
        IReadOnlyList<HsCode> subheadings,
        LinearModel? subheadingModel,
        SoftmaxCalibration subheadingCalibration,
        IReadOnlyList<HsCode> nationalLines,
        LinearModel? nationalLineModel,
        SoftmaxCalibration nationalLineCalibration)
    {
        Chapter = chapter;
        Features = features;
        Subheadings = subheadings;
        SubheadingModel = subheadingModel;
        SubheadingCalibration = subheadingCalibration;
        NationalLines = nationalLines;
        NationalLineModel = nationalLineModel;
        NationalLineCalibration = nationalLineCalibration;
        LinesBySubheading = GroupLines(subheadings, nationalLines);
    }

    public HsCode Chapter { get; }

    public FeatureMap Features { get; }

    public IReadOnlyList<HsCode> Subheadings { get; }

    /// <summary>Null when the chapter has a single subheading.</summary>
    public LinearModel? SubheadingModel { get; }

    public SoftmaxCalibration SubheadingCalibration { get; }

    public IReadOnlyList<HsCode> NationalLines { get; }

    /// <summary>Null when the chapter has fewer than two national lines to tell apart.</summary>
    public LinearModel? NationalLineModel { get; }

    public SoftmaxCalibration NationalLineCalibration { get; }

    /// <summary>For each subheading (by index), the indices of its national lines; empty when it has none.</summary>
    public IReadOnlyList<int[]> LinesBySubheading { get; }

    public ChapterModel WithCalibration(SoftmaxCalibration subheadings, SoftmaxCalibration nationalLines) =>
        new(Chapter, Features, Subheadings, SubheadingModel, subheadings, NationalLines, NationalLineModel, nationalLines);

    /// <summary>Adds this chapter's codes to <paramref name="output"/>, each weighted by the chapter's own probability.</summary>
    public void Rank(in SparseVector globalFeatures, float chapterProbability, List<CodeRecommendation> output)
    {
        var local = Features.ToLocal(globalFeatures);
        var subCount = Subheadings.Count;
        var lineCount = NationalLines.Count;
        var pool = ArrayPool<float>.Shared;
        var subScores = pool.Rent(subCount);
        var subProbabilities = pool.Rent(subCount);
        var lineScores = pool.Rent(Math.Max(lineCount, 1));
        try
        {
            if (SubheadingModel is null)
            {
                subProbabilities[0] = 1f;
            }
            else
            {
                SubheadingModel.Score(local, subScores.AsSpan(0, subCount));
                SubheadingCalibration.Probabilities(subScores.AsSpan(0, subCount), subProbabilities.AsSpan(0, subCount));
            }
            NationalLineModel?.Score(local, lineScores.AsSpan(0, lineCount));
            for (var s = 0; s < subCount; s++)
            {
                var pSub = chapterProbability * subProbabilities[s];
                var lines = LinesBySubheading[s];
                if (lines.Length == 0)
                {
                    output.Add(new CodeRecommendation(Subheadings[s], pSub));
                    continue;
                }
                AddSiblingLines(lines, lineScores, pSub, output);
            }
        }
        finally
        {
            pool.Return(subScores);
            pool.Return(subProbabilities);
            pool.Return(lineScores);
        }
    }

    private void AddSiblingLines(int[] lines, float[] lineScores, float pSub, List<CodeRecommendation> output)
    {
        if (lines.Length == 1 || NationalLineModel is null)
        {
            var share = pSub / lines.Length;
            foreach (var line in lines)
            {
                output.Add(new CodeRecommendation(NationalLines[line], share));
            }
            return;
        }
        Span<float> siblingScores = stackalloc float[lines.Length];
        Span<float> siblingProbabilities = stackalloc float[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            siblingScores[i] = lineScores[lines[i]];
        }
        NationalLineCalibration.Probabilities(siblingScores, siblingProbabilities);
        for (var i = 0; i < lines.Length; i++)
        {
            output.Add(new CodeRecommendation(NationalLines[lines[i]], pSub * siblingProbabilities[i]));
        }
    }

    private static int[][] GroupLines(IReadOnlyList<HsCode> subheadings, IReadOnlyList<HsCode> lines)
    {
        var index = new Dictionary<HsCode, int>();
        for (var i = 0; i < subheadings.Count; i++)
        {
            index[subheadings[i]] = i;
        }
        var groups = new List<int>[subheadings.Count];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = [];
        }
        for (var l = 0; l < lines.Count; l++)
        {
            if (!index.TryGetValue(lines[l].Truncate(6), out var s))
            {
                throw new ArgumentException($"National line {lines[l]} has no subheading in chapter model.", nameof(lines));
            }
            groups[s].Add(l);
        }
        return groups.Select(g => g.ToArray()).ToArray();
    }
}
