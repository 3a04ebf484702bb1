namespace HsActors.Learning;

/// <summary>Settings of <see cref="LinearSvcTrainer"/>; defaults are LIBLINEAR's for <c>-s 1 -B 1</c>.</summary>
public sealed record LinearSvcOptions
{
    public double C { get; init; } = 1.0;

    /// <summary>LIBLINEAR's eps for -s 1: stop when the projected-gradient spread PGmax − PGmin is at most this.</summary>
    public double Tolerance { get; init; } = 0.1;

    /// <summary>Maximum outer passes over the data per class (LIBLINEAR's max_iter).</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>LIBLINEAR -B: value of the constant extra feature; its weight is regularised like any other. &lt;= 0 = no bias.</summary>
    public double Bias { get; init; } = 1.0;

    /// <summary>
    /// sklearn's class_weight="balanced": class c gets weight n_samples / (n_classes × count_c). As LIBLINEAR does in
    /// one-vs-rest, the weight multiplies the C of the positive rows only; the "rest" keeps C.
    /// </summary>
    public bool BalancedClassWeights { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>One-vs-rest classes are trained in parallel; 0 = all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; }
}
