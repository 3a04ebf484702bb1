using System.Numerics;
using System.Runtime.InteropServices;

namespace HsActors.Learning;

/// <summary>Adds scaled weight rows into a score accumulator, a SIMD vector at a time: the inner loop of every linear scorer.</summary>
internal static class ScoreAccumulator
{
    public static void AddScaled(Span<float> accumulator, ReadOnlySpan<float> row, float scale)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var factor = new Vector<float>(scale);
            var accumulatorVectors = MemoryMarshal.Cast<float, Vector<float>>(accumulator);
            var rowVectors = MemoryMarshal.Cast<float, Vector<float>>(row)[..accumulatorVectors.Length];
            for (var v = 0; v < accumulatorVectors.Length; v++)
            {
                accumulatorVectors[v] += rowVectors[v] * factor;
            }
            i = accumulatorVectors.Length * Vector<float>.Count;
        }
        for (; i < accumulator.Length; i++)
        {
            accumulator[i] += row[i] * scale;
        }
    }

    public static void AddScaled(Span<float> accumulator, ReadOnlySpan<float> first, float firstScale,
        ReadOnlySpan<float> second, float secondScale)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var firstFactor = new Vector<float>(firstScale);
            var secondFactor = new Vector<float>(secondScale);
            var accumulatorVectors = MemoryMarshal.Cast<float, Vector<float>>(accumulator);
            var firstVectors = MemoryMarshal.Cast<float, Vector<float>>(first)[..accumulatorVectors.Length];
            var secondVectors = MemoryMarshal.Cast<float, Vector<float>>(second)[..accumulatorVectors.Length];
            for (var v = 0; v < accumulatorVectors.Length; v++)
            {
                accumulatorVectors[v] += firstVectors[v] * firstFactor + secondVectors[v] * secondFactor;
            }
            i = accumulatorVectors.Length * Vector<float>.Count;
        }
        for (; i < accumulator.Length; i++)
        {
            accumulator[i] += first[i] * firstScale + second[i] * secondScale;
        }
    }
}
