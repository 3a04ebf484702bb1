using HsActors.Classification.Hierarchy;
using HsActors.Nomenclature;

namespace HsActors.Classification.Evaluation;

/// <summary>The <c>depth</c> most probable classes of one probability vector, best first.</summary>
public static class ProbabilityRanking
{
    public static CodeRecommendation[] Top(ReadOnlySpan<float> probabilities, IReadOnlyList<HsCode> classes, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        if (probabilities.Length != classes.Count)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities for {classes.Count} classes.", nameof(probabilities));
        }

        var order = new int[probabilities.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = probabilities.ToArray();
        // Ties broken by class index keep the ranking deterministic whatever the sort does.
        Array.Sort(order, (a, b) => keys[b] != keys[a] ? keys[b].CompareTo(keys[a]) : a.CompareTo(b));
        return [.. order.Take(depth).Select(c => new CodeRecommendation(classes[c], keys[c]))];
    }
}
