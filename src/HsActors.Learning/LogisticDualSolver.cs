namespace HsActors.Learning;

/// <summary>
/// Binary L2-regularised logistic regression solved in the dual by coordinate descent (Yu, Huang &amp; Lin 2011,
/// "Dual coordinate descent methods for logistic regression and maximum entropy models"; LIBLINEAR -s 7).
/// Dual: min_α ½ αᵀQα + Σ [α_i ln α_i + (C − α_i) ln(C − α_i)], 0 &lt; α_i &lt; C. Each α_i is kept as the pair
/// (α_i, C − α_i) so that whichever of the two is small is updated directly, which keeps the one-variable Newton
/// steps accurate near both bounds. One instance is a worker's reusable workspace.
/// </summary>
internal sealed class LogisticDualSolver(TrainingRows rows)
{
    private const int MaxNewtonSteps = 100;
    private const double NewtonShrink = 0.1;   // step back towards 0 when a Newton step leaves (0, C)
    private const double InitialInnerTolerance = 1.0e-2;

    private readonly double[] _w = new double[rows.WeightLength];
    private readonly double[] _alphaPairs = new double[2 * rows.RowCount];
    private readonly sbyte[] _y = new sbyte[rows.RowCount];
    private readonly int[] _order = new int[rows.RowCount];

    public ReadOnlySpan<double> Weights => _w;

    /// <returns>The number of outer passes made.</returns>
    public int Solve(int[] labels, int positiveLabel, double c, double tolerance, int maxIterations, ShuffleRandom random)
    {
        var n = rows.RowCount;
        Array.Clear(_w);
        var start = Math.Min(0.001 * c, 1.0e-8);
        for (var i = 0; i < n; i++)
        {
            _y[i] = labels[i] == positiveLabel ? (sbyte)1 : (sbyte)-1;
            _alphaPairs[2 * i] = start;
            _alphaPairs[2 * i + 1] = c - start;
            rows.AddScaled(i, _y[i] * start, _w);
            _order[i] = i;
        }

        var innerTolerance = InitialInnerTolerance;
        var innerToleranceFloor = Math.Min(1.0e-8, tolerance);
        var iterations = 0;
        while (iterations < maxIterations)
        {
            random.Shuffle(_order, n);
            var newtonSteps = 0;
            var largestGradient = 0.0;
            foreach (var i in _order)
            {
                var yi = _y[i];
                var a = rows.SquaredNorm(i);
                var b = yi * rows.Dot(i, _w);

                // Work on whichever of α_i and C − α_i the gradient pushes towards its bound.
                var moved = 2 * i;
                var complement = 2 * i + 1;
                var sign = 1.0;
                if (0.5 * a * (_alphaPairs[complement] - _alphaPairs[moved]) + b < 0)
                {
                    (moved, complement) = (complement, moved);
                    sign = -1.0;
                }

                var old = _alphaPairs[moved];
                var z = old;
                if (c - z < 0.5 * c)
                {
                    z *= 0.1;
                }
                var gradient = a * (z - old) + sign * b + Math.Log(z / (c - z));
                largestGradient = Math.Max(largestGradient, Math.Abs(gradient));

                var steps = 0;
                while (steps <= MaxNewtonSteps && Math.Abs(gradient) >= innerTolerance)
                {
                    var second = a + c / (c - z) / z;
                    var next = z - gradient / second;
                    z = next <= 0 ? z * NewtonShrink : next;
                    gradient = a * (z - old) + sign * b + Math.Log(z / (c - z));
                    steps++;
                }
                newtonSteps += steps;

                if (steps > 0)
                {
                    _alphaPairs[moved] = z;
                    _alphaPairs[complement] = c - z;
                    rows.AddScaled(i, sign * (z - old) * yi, _w);
                }
            }
            iterations++;
            if (largestGradient < tolerance)
            {
                break;
            }
            // Few Newton steps were needed: the sub-problems are easy now, so solve them more precisely.
            if (newtonSteps <= n / 10)
            {
                innerTolerance = Math.Max(innerToleranceFloor, 0.1 * innerTolerance);
            }
        }
        return iterations;
    }
}
