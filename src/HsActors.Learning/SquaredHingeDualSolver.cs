namespace HsActors.Learning;

/// <summary>
/// Binary L2-regularised squared-hinge SVC solved in the dual by coordinate descent with shrinking
/// (Hsieh et al. 2008, "A Dual Coordinate Descent Method for Large-scale Linear SVM"; LIBLINEAR -s 1).
/// Dual: min_α ½ αᵀ(Q + D)α − eᵀα, α ≥ 0, Q_ij = y_i y_j x_i·x_j, D_ii = 1/(2 C_i); w = Σ y_i α_i x_i is kept in
/// step with α so each coordinate step costs O(nnz of the row).
/// One instance is a worker's workspace: its buffers are sized once and reused for every class the worker trains.
/// </summary>
internal sealed class SquaredHingeDualSolver(TrainingRows rows)
{
    private const double MinimumStep = 1.0e-12; // LIBLINEAR skips coordinates whose projected gradient is below this

    private readonly double[] _w = new double[rows.WeightLength];
    private readonly double[] _alpha = new double[rows.RowCount];
    private readonly double[] _diagonal = new double[rows.RowCount];
    private readonly double[] _curvature = new double[rows.RowCount];
    private readonly sbyte[] _y = new sbyte[rows.RowCount];
    private readonly int[] _order = new int[rows.RowCount];

    /// <summary>The primal weights of the last solve: FeatureCount weights, then the bias feature's weight.</summary>
    public ReadOnlySpan<double> Weights => _w;

    /// <summary>The dual variables of the last solve, one per row.</summary>
    public ReadOnlySpan<double> Alpha => _alpha;

    /// <summary>
    /// Solves "label == positiveLabel" against all other rows. Row i gets C_i = (positive ? positiveC : negativeC) ×
    /// rowWeights[i]. <paramref name="initialAlpha"/> (may be shorter than the row count) seeds the first rows.
    /// </summary>
    public (double Objective, int Iterations) Solve(int[] labels, int positiveLabel, double positiveC, double negativeC,
        float[]? rowWeights, float[]? initialAlpha, double tolerance, int maxIterations, ShuffleRandom random)
    {
        var n = rows.RowCount;
        Array.Clear(_w);
        for (var i = 0; i < n; i++)
        {
            var positive = labels[i] == positiveLabel;
            _y[i] = positive ? (sbyte)1 : (sbyte)-1;
            var c = (positive ? positiveC : negativeC) * (rowWeights is null ? 1.0 : rowWeights[i]);
            _diagonal[i] = 0.5 / c;
            _curvature[i] = _diagonal[i] + rows.SquaredNorm(i);
            _alpha[i] = initialAlpha is not null && i < initialAlpha.Length ? initialAlpha[i] : 0.0;
            if (_alpha[i] != 0.0)
            {
                rows.AddScaled(i, _y[i] * _alpha[i], _w);
            }
            _order[i] = i;
        }

        var active = n;
        // Only the lower bound shrinks rows: with the squared hinge α has no upper bound, so LIBLINEAR's PGmin_old
        // (used at α = C) never matters here.
        var projectedMaxOld = double.PositiveInfinity;
        var iterations = 0;
        while (iterations < maxIterations)
        {
            var projectedMax = double.NegativeInfinity;
            var projectedMin = double.PositiveInfinity;
            random.Shuffle(_order, active);
            for (var s = 0; s < active; s++)
            {
                var i = _order[s];
                var yi = _y[i];
                var gradient = yi * rows.Dot(i, _w) - 1.0 + _alpha[i] * _diagonal[i];
                var projected = gradient;
                if (_alpha[i] == 0.0)
                {
                    // At the lower bound a positive gradient cannot move α; if it exceeds last pass's largest
                    // violation the row is very likely to stay at 0, so it leaves the active set.
                    if (gradient > projectedMaxOld)
                    {
                        active--;
                        (_order[s], _order[active]) = (_order[active], _order[s]);
                        s--;
                        continue;
                    }
                    projected = Math.Min(gradient, 0.0);
                }
                projectedMax = Math.Max(projectedMax, projected);
                projectedMin = Math.Min(projectedMin, projected);
                if (Math.Abs(projected) > MinimumStep)
                {
                    var old = _alpha[i];
                    _alpha[i] = Math.Max(old - gradient / _curvature[i], 0.0);
                    rows.AddScaled(i, (_alpha[i] - old) * yi, _w);
                }
            }
            iterations++;

            if (projectedMax - projectedMin <= tolerance)
            {
                if (active == n)
                {
                    break;
                }
                // Converged on the shrunken problem: bring every row back and verify once more on the full one.
                active = n;
                projectedMaxOld = double.PositiveInfinity;
                continue;
            }
            projectedMaxOld = projectedMax <= 0 ? double.PositiveInfinity : projectedMax;
        }
        return (DualObjective(), iterations);
    }

    // ½ w·w + ½ Σ α_i² D_ii − Σ α_i: the value LIBLINEAR prints as "Objective value".
    private double DualObjective()
    {
        var sum = 0.0;
        foreach (var weight in _w)
        {
            sum += weight * weight;
        }
        for (var i = 0; i < _alpha.Length; i++)
        {
            sum += _alpha[i] * (_alpha[i] * _diagonal[i] - 2.0);
        }
        return sum / 2.0;
    }
}
