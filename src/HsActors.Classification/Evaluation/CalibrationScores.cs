namespace HsActors.Classification.Evaluation;

/// <summary>
/// Calibration of the top-1 probability at each case's own level: the confidence is the ranked probability mass on the
/// first recommendation's prefix at the truth's level, "correct" whether that prefix is the truth.
/// </summary>
public sealed record CalibrationScores(double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins);
