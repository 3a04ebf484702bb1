namespace HsActors.Classification.Hierarchy;

/// <summary>Partial selection of the largest values: k is small and the values few hundred, so insertion beats sorting.</summary>
internal static class TopIndices
{
    /// <summary>Fills <paramref name="best"/> with the indices of the largest values, best first; returns how many it filled.</summary>
    public static int Select(ReadOnlySpan<float> values, Span<int> best)
    {
        var k = best.Length;
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (count < k)
            {
                best[count++] = i;
            }
            else if (values[i] > values[best[k - 1]])
            {
                best[k - 1] = i;
            }
            else
            {
                continue;
            }
            for (var j = count - 1; j > 0 && values[best[j]] > values[best[j - 1]]; j--)
            {
                (best[j], best[j - 1]) = (best[j - 1], best[j]);
            }
        }
        return count;
    }
}
