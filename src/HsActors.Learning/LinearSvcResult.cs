namespace HsActors.Learning;

/// <summary>
/// A trained one-vs-rest SVC. <see cref="DualObjectivePerClass"/> is what LIBLINEAR prints as "Objective value"
/// for -s 1: ½ w·w + ½ Σ α_i² D_ii − Σ α_i (negative at the optimum). With two classes a single binary problem is
/// solved, as LIBLINEAR does: both entries then describe that one problem.
/// </summary>
public sealed record LinearSvcResult(LinearModel Model, float[][] DualPerClass, double[] DualObjectivePerClass, int[] IterationsPerClass);
