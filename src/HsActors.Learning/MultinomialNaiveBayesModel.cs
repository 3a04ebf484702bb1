namespace HsActors.Learning;

/// <summary>
/// Multinomial naive Bayes kept sparse. Its weight ln((N_cj + α) / D_c) is non-zero for every feature and class, a dense
/// matrix; written as ln(1 + N_cj / α) + (ln α − ln D_c) it splits into term weights, zero wherever class c never saw
/// feature j (most pairs: a term belongs to few chapters), and one mass weight per class that multiplies the row's
/// total feature mass Σ x_j. The scores are the dense form's joint log-likelihoods. A feature seen by few classes keeps
/// (class, weight) pairs; one seen by many (common character n-grams) keeps a dense row, which scores faster with SIMD
/// than a scatter over most of the classes would.
/// </summary>
public sealed class MultinomialNaiveBayesModel
{
    private const int Magic = 0x424E4D48; // "HMNB"
    private const int FormatVersion = 2; // 2: the smoothing alpha
    private const int FirstVersionWithAlpha = 2;
    private const int OldestReadableVersion = 1;

    private readonly float[] _logPriors;
    private readonly float[] _massWeights;
    private readonly int[] _rowStarts;   // a sparse feature j's pairs are [_rowStarts[j], _rowStarts[j + 1])
    private readonly int[] _classes;
    private readonly float[] _weights;
    private readonly int[] _denseSlots;  // -1, or the dense row of feature j in _denseRows
    private readonly float[] _denseRows;

    private MultinomialNaiveBayesModel(double? alpha, RowStore rows, float[] logPriors, float[] massWeights)
    {
        Alpha = alpha;
        FeatureCount = rows.FeatureCount;
        NonZeroCount = rows.NonZeroCount;
        _logPriors = logPriors;
        _massWeights = massWeights;
        _rowStarts = rows.RowStarts;
        _classes = [.. rows.Classes];
        _weights = [.. rows.Weights];
        _denseSlots = rows.DenseSlots;
        _denseRows = [.. rows.DenseRows];
    }

    /// <summary>
    /// A scatter costs about a nanosecond per pair and a SIMD pass over a dense row about as much per eight classes
    /// (measured in the README's router timing), so rows with more than an eighth of the classes are kept dense.
    /// </summary>
    private static bool IsDense(int nonZero, int classCount) => 8L * nonZero > classCount;

    /// <summary>The smoothing it was trained with, which a retraining of the same model keeps; null in a format-1 file, which did not record it.</summary>
    public double? Alpha { get; }

    public int ClassCount => _logPriors.Length;

    public int FeatureCount { get; }

    /// <summary>How many (feature, class) pairs carry a term weight.</summary>
    public int NonZeroCount { get; }

    /// <summary>ln(1 + N_cj / α): zero when class <paramref name="classIndex"/> never saw the feature.</summary>
    public float TermWeight(int feature, int classIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, FeatureCount);
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, ClassCount);
        if (_denseSlots[feature] >= 0)
        {
            return _denseRows[_denseSlots[feature] * ClassCount + classIndex];
        }
        for (var k = _rowStarts[feature]; k < _rowStarts[feature + 1]; k++)
        {
            if (_classes[k] == classIndex)
            {
                return _weights[k];
            }
        }
        return 0f;
    }

    /// <summary>Builds the model from feature-major term weights (length features × classes), keeping the non-zeros.</summary>
    public static MultinomialNaiveBayesModel FromTermWeights(double alpha, int classCount, int featureCount, ReadOnlySpan<float> featureMajorTermWeights,
        float[] logPriors, float[] massWeights)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (featureMajorTermWeights.Length != (long)classCount * featureCount || logPriors.Length != classCount || massWeights.Length != classCount)
        {
            throw new ArgumentException($"Naive Bayes weights do not fit {classCount} classes × {featureCount} features.");
        }
        var rows = new RowStore(classCount, featureCount);
        for (var feature = 0; feature < featureCount; feature++)
        {
            rows.Add(featureMajorTermWeights.Slice(feature * classCount, classCount));
        }
        return new MultinomialNaiveBayesModel(alpha, rows, logPriors, massWeights);
    }

    /// <summary>Writes one joint log-likelihood per class into <paramref name="scores"/> (length <see cref="ClassCount"/>).</summary>
    public void Score(in SparseVector x, Span<float> scores)
    {
        if (scores.Length != ClassCount)
        {
            throw new ArgumentException($"The score buffer has length {scores.Length}; it must be ClassCount = {ClassCount}.", nameof(scores));
        }
        var indices = x.Indices ?? [];
        var values = x.Values ?? [];
        var mass = 0f;
        foreach (var value in values)
        {
            mass += value;
        }
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = _logPriors[c] + mass * _massWeights[c];
        }
        for (var i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)FeatureCount)
            {
                throw new ArgumentException($"Feature index {indices[i]} is outside the model's {FeatureCount} features.", nameof(x));
            }
            var value = values[i];
            var slot = _denseSlots[indices[i]];
            if (slot >= 0)
            {
                ScoreAccumulator.AddScaled(scores, _denseRows.AsSpan(slot * ClassCount, ClassCount), value);
                continue;
            }
            for (var k = _rowStarts[indices[i]]; k < _rowStarts[indices[i] + 1]; k++)
            {
                scores[_classes[k]] += value * _weights[k];
            }
        }
    }

    /// <summary>Alpha (from format 2), log priors and mass weights, then the term weights in <see cref="WeightRowFormat"/>'s rows.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // A model read from a format-1 file has no alpha to record, so it is written back in format 1.
        WeightRowFormat.WriteHeader(writer, Magic, Alpha is null ? FirstVersionWithAlpha - 1 : FormatVersion, ClassCount, FeatureCount);
        if (Alpha is { } alpha)
        {
            writer.Write(alpha);
        }
        WeightRowFormat.WriteFloats(writer, _logPriors);
        WeightRowFormat.WriteFloats(writer, _massWeights);
        var row = new float[ClassCount];
        for (var feature = 0; feature < FeatureCount; feature++)
        {
            Array.Clear(row);
            if (_denseSlots[feature] >= 0)
            {
                _denseRows.AsSpan(_denseSlots[feature] * ClassCount, ClassCount).CopyTo(row);
            }
            for (var k = _rowStarts[feature]; k < _rowStarts[feature + 1]; k++)
            {
                row[_classes[k]] = _weights[k];
            }
            WeightRowFormat.WriteRow(writer, row);
        }
    }

    public static MultinomialNaiveBayesModel ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            var (version, classCount, featureCount) = WeightRowFormat.ReadHeader(reader, Magic, OldestReadableVersion, FormatVersion, "naive Bayes model");
            double? alpha = version >= FirstVersionWithAlpha ? reader.ReadDouble() : null;
            if (alpha is { } a && (!(a > 0) || !double.IsFinite(a)))
            {
                throw new InvalidDataException($"The naive Bayes smoothing alpha {a} is not a positive number.");
            }
            var logPriors = new float[classCount];
            var massWeights = new float[classCount];
            WeightRowFormat.ReadFloats(reader, logPriors);
            WeightRowFormat.ReadFloats(reader, massWeights);
            var rows = new RowStore(classCount, featureCount);
            var row = new float[classCount];
            for (var feature = 0; feature < featureCount; feature++)
            {
                Array.Clear(row);
                WeightRowFormat.ReadRow(reader, feature, row);
                rows.Add(row);
            }
            return new MultinomialNaiveBayesModel(alpha, rows, logPriors, massWeights);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The naive Bayes stream is truncated.", e);
        }
    }

    /// <summary>Collects feature rows, in feature order, into the dense or (class, weight) form each is kept in.</summary>
    private sealed class RowStore(int classCount, int featureCount)
    {
        private int _added;

        public int FeatureCount => featureCount;

        public int NonZeroCount { get; private set; }

        public int[] RowStarts { get; } = new int[featureCount + 1];

        public List<int> Classes { get; } = [];

        public List<float> Weights { get; } = [];

        public int[] DenseSlots { get; } = new int[featureCount];

        public List<float> DenseRows { get; } = [];

        public void Add(ReadOnlySpan<float> row)
        {
            var feature = _added++;
            var nonZero = 0;
            foreach (var weight in row)
            {
                nonZero += weight != 0f ? 1 : 0;
            }
            NonZeroCount += nonZero;
            DenseSlots[feature] = IsDense(nonZero, classCount) ? DenseRows.Count / classCount : -1;
            if (DenseSlots[feature] >= 0)
            {
                DenseRows.AddRange(row);
            }
            else
            {
                for (var c = 0; c < row.Length; c++)
                {
                    if (row[c] != 0f)
                    {
                        Classes.Add(c);
                        Weights.Add(row[c]);
                    }
                }
            }
            RowStarts[feature + 1] = Weights.Count;
        }
    }
}
