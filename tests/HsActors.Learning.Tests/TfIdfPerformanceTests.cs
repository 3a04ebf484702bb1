using System.Diagnostics;
using Xunit.Abstractions;

namespace HsActors.Learning.Tests;

/// <summary>
/// The vectorizer sits on the classification hot path and is refitted on every corpus change. Costs are measured as
/// process CPU time, in a collection that runs alone, so other processes on a busy machine do not distort them; the
/// bounds leave room for unoptimised Debug builds.
/// </summary>
[Collection(nameof(TfIdfPerformanceTests))]
public sealed class TfIdfPerformanceTests(ITestOutputHelper output)
{
    private static readonly string[] Syllables =
        ["ka", "ro", "pi", "ste", "el", "pla", "sti", "mo", "tor", "cy", "cle", "bra", "ss", "nu", "ts", "co", "tton", "ya", "rn", "fi", "lm"];

    // Descriptions of 2..9 words over a vocabulary of ~4,000 pseudo words, Zipf-like so that some words are common.
    private static List<string> SyntheticDescriptions(int count, int seed)
    {
        var random = new Random(seed);
        var words = Enumerable.Range(0, 4000).Select(_ =>
            string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => Syllables[random.Next(Syllables.Length)]))).ToArray();
        return Enumerable.Range(0, count).Select(_ =>
            string.Join(' ', Enumerable.Range(0, random.Next(2, 10)).Select(_ => words[(int)(words.Length * Math.Pow(random.NextDouble(), 3))])))
            .ToList();
    }

    [Fact]
    public void Fit_over_forty_thousand_descriptions_takes_a_few_seconds_at_most()
    {
        var documents = SyntheticDescriptions(40_000, seed: 7);
        var cpu = Environment.CpuUsage.TotalTime;
        var stopwatch = Stopwatch.StartNew();
        var vectorizer = TfIdfVectorizer.Fit(documents, new TfIdfOptions());
        stopwatch.Stop();
        var cpuTime = Environment.CpuUsage.TotalTime - cpu;
        output.WriteLine($"Fit 40,000 descriptions: {cpuTime.TotalMilliseconds:F0} ms CPU ({stopwatch.ElapsedMilliseconds} ms wall), {vectorizer.FeatureCount} features");
        Assert.True(cpuTime < TimeSpan.FromSeconds(4), $"Fit took {cpuTime.TotalSeconds:F1} s of CPU time");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(18)]
    public void Transform_allocates_only_its_result_and_runs_in_microseconds(int hashingBits)
    {
        var documents = SyntheticDescriptions(5_000, seed: 11);
        var vectorizer = TfIdfVectorizer.Fit(documents, new TfIdfOptions { HashingBits = hashingBits });
        var probe = documents[42];
        var warm = vectorizer.Transform(probe);   // first call fills the thread's array-pool cache

        var before = GC.GetAllocatedBytesForCurrentThread();
        var vector = vectorizer.Transform(probe);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(warm, vector, SparseVectorComparer.Instance);
        var resultBytes = 2 * (24 + 8 + 4L * vector.Count);   // an int[] and a float[] of Count elements, with headers and padding
        Assert.True(allocated <= resultBytes, $"Transform allocated {allocated} bytes for a {vector.Count}-feature result");

        const int rounds = 20_000;
        var cpu = Environment.CpuUsage.TotalTime;
        for (var round = 0; round < rounds; round++)
        {
            vectorizer.Transform(documents[round % documents.Count]);
        }
        var microseconds = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / rounds;
        output.WriteLine($"Transform (hashing bits {hashingBits}): {microseconds:F2} µs CPU per description");
        Assert.True(microseconds < 100, $"Transform took {microseconds:F1} µs of CPU per description");
    }
}

[CollectionDefinition(nameof(TfIdfPerformanceTests), DisableParallelization = true)]
public sealed class TfIdfPerformanceCollection;
