using HsActors.Nomenclature;

namespace HsActors.Classification.Training;

/// <summary>
/// The dual solutions of a chapter's last training, kept by whoever retrains the chapter so the next training can start
/// from them. Valid only for a training whose rows begin with the same <see cref="RowCount"/> rows in the same order.
/// </summary>
/// <param name="SubheadingDuals">[class][row] of the subheading layer; null when the chapter has one subheading.</param>
/// <param name="LineDuals">Per subheading with a line model: [class][row] over that subheading's 8-digit rows.</param>
public sealed record ChapterTrainingState(
    HsCode Chapter,
    int RowCount,
    IReadOnlyList<HsCode> Subheadings,
    float[][]? SubheadingDuals,
    IReadOnlyDictionary<HsCode, float[][]> LineDuals);
