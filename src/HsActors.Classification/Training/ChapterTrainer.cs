using HsActors.Classification.Hierarchy;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Training;

/// <summary>
/// Trains one chapter's subheading and national-line layers. With hold-out collectors it first trains without the
/// held-out rows and records their scores, so the caller can fit temperatures pooled over all chapters.
/// </summary>
public sealed class ChapterTrainer(LinearSvcOptions svm)
{
    public ChapterModel Train(HsCode chapter, FeaturizedRows rows, HeldOutScores? subheadingHoldOut, HeldOutScores? lineHoldOut)
    {
        var features = FeatureMap.Covering(rows.Vectors);
        var local = rows.Vectors.Select(v => features.ToLocal(v)).ToArray();
        var subheadings = new LabelIndex(rows.Codes.Select(c => c.Truncate(6)));
        var lineRows = Enumerable.Range(0, rows.Count).Where(i => rows.Codes[i].Level >= 8).ToArray();
        var lines = new LabelIndex(lineRows.Select(i => rows.Codes[i].Truncate(8)));

        var subLabels = rows.Codes.Select(c => subheadings.IdOf(c.Truncate(6))).ToArray();
        var lineVectors = lineRows.Select(i => local[i]).ToArray();
        var lineLabels = lineRows.Select(i => lines.IdOf(rows.Codes[i].Truncate(8))).ToArray();
        var lineWeights = lineRows.Select(i => rows.Weights[i]).ToArray();
        var lineHeldOut = lineRows.Select(i => rows.HeldOut[i]).ToArray();

        var draft = new ChapterModel(chapter, features, subheadings.Codes, null, new SoftmaxCalibration(1), lines.Codes, null, new SoftmaxCalibration(1));
        if (subheadingHoldOut is not null && subheadings.Count > 1)
        {
            var subModel = TrainOn(local, subLabels, rows.Weights, subheadings.Count, features.Count, rows.HeldOut, onlyTrainingRows: true);
            RecordHeldOut(subModel, local, subLabels, rows.HeldOut, subheadingHoldOut, allClasses: null);
        }
        if (lineHoldOut is not null && lines.Count > 1)
        {
            var lineModel = TrainOn(lineVectors, lineLabels, lineWeights, lines.Count, features.Count, lineHeldOut, onlyTrainingRows: true);
            RecordHeldOut(lineModel, lineVectors, lineLabels, lineHeldOut, lineHoldOut, draft);
        }

        var finalSub = subheadings.Count > 1
            ? TrainOn(local, subLabels, rows.Weights, subheadings.Count, features.Count, rows.HeldOut, onlyTrainingRows: false)
            : null;
        var finalLines = lines.Count > 1
            ? TrainOn(lineVectors, lineLabels, lineWeights, lines.Count, features.Count, lineHeldOut, onlyTrainingRows: false)
            : null;
        return new ChapterModel(chapter, features, subheadings.Codes, finalSub, new SoftmaxCalibration(1), lines.Codes, finalLines, new SoftmaxCalibration(1));
    }

    private LinearModel TrainOn(SparseVector[] vectors, int[] labels, float[] weights, int classCount, int featureCount, bool[] heldOut, bool onlyTrainingRows)
    {
        if (!onlyTrainingRows)
        {
            return LinearSvcTrainer.Train(vectors, labels, classCount, featureCount, svm, weights).Model;
        }
        var keep = Enumerable.Range(0, vectors.Length).Where(i => !heldOut[i]).ToArray();
        return LinearSvcTrainer.Train(
            keep.Select(i => vectors[i]).ToArray(), keep.Select(i => labels[i]).ToArray(), classCount, featureCount, svm,
            keep.Select(i => weights[i]).ToArray()).Model;
    }

    /// <summary>
    /// Subheading scores are calibrated over all subheadings; national-line scores only among a line's siblings, because
    /// that is the softmax the ranking applies.
    /// </summary>
    private static void RecordHeldOut(LinearModel model, SparseVector[] vectors, int[] labels, bool[] heldOut, HeldOutScores sink, ChapterModel? allClasses)
    {
        var scores = new float[model.ClassCount];
        for (var i = 0; i < vectors.Length; i++)
        {
            if (!heldOut[i])
            {
                continue;
            }
            model.Score(vectors[i], scores);
            if (allClasses is null)
            {
                sink.Add((float[])scores.Clone(), labels[i]);
                continue;
            }
            var line = allClasses.NationalLines[labels[i]];
            var siblings = allClasses.LinesBySubheading[IndexOf(allClasses.Subheadings, line.Truncate(6))];
            if (siblings.Length > 1)
            {
                sink.Add([.. siblings.Select(s => scores[s])], Array.IndexOf(siblings, labels[i]));
            }
        }
    }

    private static int IndexOf(IReadOnlyList<HsCode> codes, HsCode code)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] == code)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"{code} is not among the chapter's subheadings.");
    }
}
