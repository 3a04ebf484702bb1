using System.Globalization;
using CsCheck;

namespace HsActors.Fuzzing;

/// <summary>
/// A generator's samples from a fixed seed, the same cases on every run, so what a run found the next one finds
/// again (CsCheck's own Sample fixes the seed of its first iteration only). HSACTORS_FUZZ_ITERATIONS asks for more
/// cases than a normal run sends, HSACTORS_FUZZ_SEED for others. Shared by the API fuzzer and the file parsers' fuzz
/// tests (linked into their projects).
/// </summary>
public static class SeededSamples
{
    public const string IterationsVariable = "HSACTORS_FUZZ_ITERATIONS";
    public const string SeedVariable = "HSACTORS_FUZZ_SEED";
    public const ulong DefaultSeed = 18;

    public static ulong Seed => Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text
        ? ulong.Parse(text, CultureInfo.InvariantCulture) : DefaultSeed;

    public static int Iterations(int normalRun) => Environment.GetEnvironmentVariable(IterationsVariable) is { Length: > 0 } text
        ? int.Parse(text, CultureInfo.InvariantCulture) : normalRun;

    /// <returns>Each case with its number in the run, to name it in a failure.</returns>
    public static IEnumerable<(int Number, T Case)> Of<T>(Gen<T> generator, int normalRun)
    {
        var random = new PCG(1, Seed);
        var count = Iterations(normalRun);
        for (var i = 0; i < count; i++)
        {
            yield return (i, generator.Generate(random, null, out _));
        }
    }
}
