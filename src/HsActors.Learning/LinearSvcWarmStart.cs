namespace HsActors.Learning;

/// <summary>
/// The dual solution of a previous training, [class][row]. Rows 0..K-1 of the new training set must be the rows of the
/// previous one in the same order; new rows follow and start at alpha = 0.
/// </summary>
public sealed record LinearSvcWarmStart(float[][] DualPerClass);
