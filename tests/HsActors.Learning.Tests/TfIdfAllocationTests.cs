
namespace HsActors.Learning.Tests;

/// <summary>
/// The vectorizer sits on the classification hot path, so it must not allocate beyond its result. Its speed is
/// measured by the benchmarks (tests/HsActors.Bench), not asserted here.
/// </summary>
[Collection(nameof(TfIdfAllocationTests))]
public sealed class TfIdfAllocationTests
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

    [Theory]
    [InlineData(0)]
    [InlineData(18)]
    public void Transform_allocates_only_its_result(int hashingBits)
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
    }
}

[CollectionDefinition(nameof(TfIdfAllocationTests), DisableParallelization = true)]
public sealed class TfIdfAllocationCollection;
