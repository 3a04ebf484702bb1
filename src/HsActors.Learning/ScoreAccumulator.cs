using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HsActors.Learning;

/// <summary>
/// Adds scaled weight rows into a score accumulator: the inner loop of every linear scorer. It uses the widest vectors
/// the processor runs (512, 256, then 128 bits) with fused multiply-adds, each width taking what the wider one left, so a
/// chapter of 57 subheadings costs three 512-bit steps, one 128-bit step and one scalar add rather than seven 256-bit
/// steps and a scalar tail of one to seven (the classify and silo benchmarks in the README measured the difference).
/// </summary>
internal static class ScoreAccumulator
{
    public static void AddScaled(Span<float> accumulator, ReadOnlySpan<float> row, float scale)
    {
        var n = accumulator.Length;
        if (row.Length < n)
        {
            throw new ArgumentException($"A weight row of {row.Length} floats cannot fill {n} scores.", nameof(row));
        }
        ref var a = ref MemoryMarshal.GetReference(accumulator);
        ref var r = ref MemoryMarshal.GetReference(row);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var factor = Vector512.Create(scale);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var at = (nuint)i;
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, at), factor, Vector512.LoadUnsafe(ref a, at)).StoreUnsafe(ref a, at);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var factor = Vector256.Create(scale);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var at = (nuint)i;
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r, at), factor, Vector256.LoadUnsafe(ref a, at)).StoreUnsafe(ref a, at);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var factor = Vector128.Create(scale);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                var at = (nuint)i;
                Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref r, at), factor, Vector128.LoadUnsafe(ref a, at)).StoreUnsafe(ref a, at);
            }
        }
        for (; i < n; i++)
        {
            accumulator[i] = MathF.FusedMultiplyAdd(row[i], scale, accumulator[i]);
        }
    }

    /// <summary>Two rows in one sweep: half the loads and stores of the accumulator.</summary>
    public static void AddScaled(Span<float> accumulator, ReadOnlySpan<float> first, float firstScale,
        ReadOnlySpan<float> second, float secondScale)
    {
        var n = accumulator.Length;
        if (first.Length < n || second.Length < n)
        {
            throw new ArgumentException($"Weight rows of {first.Length} and {second.Length} floats cannot fill {n} scores.", nameof(first));
        }
        ref var a = ref MemoryMarshal.GetReference(accumulator);
        ref var r = ref MemoryMarshal.GetReference(first);
        ref var s = ref MemoryMarshal.GetReference(second);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var rf = Vector512.Create(firstScale);
            var sf = Vector512.Create(secondScale);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var at = (nuint)i;
                var sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, at), rf, Vector512.LoadUnsafe(ref a, at));
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref s, at), sf, sum).StoreUnsafe(ref a, at);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var rf = Vector256.Create(firstScale);
            var sf = Vector256.Create(secondScale);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var at = (nuint)i;
                var sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r, at), rf, Vector256.LoadUnsafe(ref a, at));
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, at), sf, sum).StoreUnsafe(ref a, at);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var rf = Vector128.Create(firstScale);
            var sf = Vector128.Create(secondScale);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                var at = (nuint)i;
                var sum = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref r, at), rf, Vector128.LoadUnsafe(ref a, at));
                Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref s, at), sf, sum).StoreUnsafe(ref a, at);
            }
        }
        for (; i < n; i++)
        {
            accumulator[i] = MathF.FusedMultiplyAdd(second[i], secondScale, MathF.FusedMultiplyAdd(first[i], firstScale, accumulator[i]));
        }
    }
}
