using HsActors.Classification.Hierarchy;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Training;

/// <summary>
/// Trains one chapter's subheading layer and, per subheading, its national-line model. With hold-out collectors it first
/// trains without the held-out rows and records their scores, so the caller can fit temperatures pooled over all chapters.
/// </summary>
public sealed class ChapterTrainer(LinearSvcOptions svm)
{
    public ChapterModel Train(HsCode chapter, FeaturizedRows rows, HeldOutScores? subheadingHoldOut, HeldOutScores? lineHoldOut) =>
        Fit(chapter, rows, subheadingHoldOut, lineHoldOut, previous: null, out _);

    /// <summary>
    /// Retrains the chapter on <paramref name="rows"/> (no calibration pass: the caller keeps the current temperatures).
    /// When <paramref name="previous"/> came from a training whose rows are a prefix of these and whose subheadings are
    /// the same, every layer starts from its previous dual solution, and only the new rows have to be fitted from zero.
    /// </summary>
    public ChapterRetraining Retrain(HsCode chapter, FeaturizedRows rows, ChapterTrainingState? previous)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var usable = previous is not null && previous.Chapter == chapter && previous.RowCount <= rows.Count ? previous : null;
        var model = Fit(chapter, rows, null, null, usable, out var state);
        var warm = usable is not null && state.Subheadings.SequenceEqual(usable.Subheadings);
        return new ChapterRetraining(model, state, warm, clock.Elapsed);
    }

    private ChapterModel Fit(HsCode chapter, FeaturizedRows rows, HeldOutScores? subheadingHoldOut, HeldOutScores? lineHoldOut,
        ChapterTrainingState? previous, out ChapterTrainingState state)
    {
        var features = FeatureMap.Covering(rows.Vectors);
        var local = rows.Vectors.Select(v => features.ToLocal(v)).ToArray();
        var subheadings = new LabelIndex(rows.Codes.Select(c => c.Truncate(6)));
        var subLabels = rows.Codes.Select(c => subheadings.IdOf(c.Truncate(6))).ToArray();

        // A changed subheading set changes the class ids, so a previous solution no longer fits any layer.
        var warm = previous is not null && previous.Subheadings.SequenceEqual(subheadings.Codes) ? previous : null;

        LinearModel? subModel = null;
        float[][]? subDuals = null;
        if (subheadings.Count > 1)
        {
            if (subheadingHoldOut is not null)
            {
                var draft = TrainOn(local, subLabels, rows.Weights, subheadings.Count, features.Count, rows.HeldOut);
                RecordHeldOut(draft, local, subLabels, rows.HeldOut, rows.FromNomenclature, subheadingHoldOut);
            }
            (subModel, subDuals) = TrainAll(local, subLabels, rows.Weights, subheadings.Count, features.Count, warm?.SubheadingDuals);
        }

        var lineRows = Enumerable.Range(0, rows.Count)
            .Where(i => rows.Codes[i].Level >= 8)
            .ToLookup(i => subheadings.IdOf(rows.Codes[i].Truncate(6)));
        var lines = new SubheadingLines[subheadings.Count];
        var lineDuals = new Dictionary<HsCode, float[][]>();
        for (var s = 0; s < lines.Length; s++)
        {
            var code = subheadings.Codes[s];
            float[][]? previousLines = null;
            warm?.LineDuals.TryGetValue(code, out previousLines);
            (lines[s], var duals) = TrainLines(code, rows.Select([.. lineRows[s]]), lineHoldOut, previousLines);
            if (duals is not null)
            {
                lineDuals[code] = duals;
            }
        }
        state = new ChapterTrainingState(chapter, rows.Count, subheadings.Codes, subDuals, lineDuals);
        return new ChapterModel(chapter, features, subheadings.Codes, subModel, new SoftmaxCalibration(1), lines, new SoftmaxCalibration(1));
    }

    private (SubheadingLines Lines, float[][]? Duals) TrainLines(HsCode subheading, FeaturizedRows rows, HeldOutScores? holdOut, float[][]? previous)
    {
        var codes = new LabelIndex(rows.Codes.Select(c => c.Truncate(8)));
        if (codes.Count == 0)
        {
            return (SubheadingLines.None(subheading), null);
        }
        if (codes.Count == 1)
        {
            return (new SubheadingLines(subheading, codes.Codes, FeatureMap.Empty, null), null);
        }
        var features = FeatureMap.Covering(rows.Vectors);
        var local = rows.Vectors.Select(v => features.ToLocal(v)).ToArray();
        var labels = rows.Codes.Select(c => codes.IdOf(c.Truncate(8))).ToArray();
        // Only held-out descriptions of goods calibrate this layer. A held-out nomenclature label leaves its line with
        // just the label in the other language, whose scores say nothing about how sure the model is on real lines.
        var heldOut = rows.HeldOut.Select((h, i) => h && !rows.FromNomenclature[i]).ToArray();
        if (holdOut is not null && heldOut.Any(h => h))
        {
            var draft = TrainOn(local, labels, rows.Weights, codes.Count, features.Count, heldOut);
            RecordHeldOut(draft, local, labels, heldOut, rows.FromNomenclature, holdOut);
        }
        var (model, duals) = TrainAll(local, labels, rows.Weights, codes.Count, features.Count, previous);
        return (new SubheadingLines(subheading, codes.Codes, features, model), duals);
    }

    /// <summary>The final training on every row, warm-started when <paramref name="previous"/> fits the classes.</summary>
    private (LinearModel Model, float[][] Duals) TrainAll(SparseVector[] vectors, int[] labels, float[] weights, int classCount, int featureCount, float[][]? previous)
    {
        var warmStart = previous is not null && previous.Length == classCount && previous.All(d => d.Length <= vectors.Length)
            ? new LinearSvcWarmStart(previous)
            : null;
        var result = LinearSvcTrainer.Train(vectors, labels, classCount, featureCount, svm, weights, warmStart);
        return (result.Model, result.DualPerClass);
    }

    /// <summary>The calibration draft: trained on the rows <paramref name="heldOut"/> does not mark.</summary>
    private LinearModel TrainOn(SparseVector[] vectors, int[] labels, float[] weights, int classCount, int featureCount, bool[] heldOut)
    {
        var keep = Enumerable.Range(0, vectors.Length).Where(i => !heldOut[i]).ToArray();
        return LinearSvcTrainer.Train(
            keep.Select(i => vectors[i]).ToArray(), keep.Select(i => labels[i]).ToArray(), classCount, featureCount, svm,
            keep.Select(i => weights[i]).ToArray()).Model;
    }

    /// <summary>
    /// Records the held-out rows' scores, but only for classes the draft saw in training: a class with no training row
    /// has meaningless scores, and fitting a temperature to them (as happens to a national line whose only rows, its
    /// English and Indonesian nomenclature labels, were both held out) drives it to its bound.
    /// </summary>
    private static void RecordHeldOut(LinearModel draft, SparseVector[] vectors, int[] labels, bool[] heldOut, bool[] fromNomenclature, HeldOutScores sink)
    {
        var trained = new bool[draft.ClassCount];
        for (var i = 0; i < labels.Length; i++)
        {
            trained[labels[i]] |= !heldOut[i];
        }
        if (trained.Count(t => t) < 2)
        {
            return;
        }
        for (var i = 0; i < vectors.Length; i++)
        {
            if (heldOut[i] && trained[labels[i]])
            {
                var scores = new float[draft.ClassCount];
                draft.Score(vectors[i], scores);
                sink.Add(scores, labels[i], !fromNomenclature[i]);
            }
        }
    }
}
