using HsActors.Classification.Evaluation;

namespace HsActors.Classification.Tests;

public sealed class EvaluationGroupedKFoldTests
{
    private static readonly string[] Keys = [.. Enumerable.Range(0, 2000).Select(i => $"goods description number {i}")];

    [Fact]
    public void Duplicates_always_share_a_fold()
    {
        string[] keys = [.. Keys.Take(300), .. Keys.Take(300), .. Keys.Take(50)];

        var folds = new GroupedKFold(5).Split(keys);

        var foldOfRow = new int[keys.Length];
        for (var f = 0; f < folds.Count; f++)
        {
            foreach (var row in folds[f])
            {
                foldOfRow[row] = f;
            }
        }
        foreach (var group in Enumerable.Range(0, keys.Length).GroupBy(i => keys[i]))
        {
            Assert.Single(group.Select(i => foldOfRow[i]).Distinct());
        }
    }

    [Fact]
    public void Every_row_is_in_exactly_one_fold_and_folds_are_roughly_even()
    {
        var folds = new GroupedKFold(5).Split(Keys);

        Assert.Equal(5, folds.Count);
        Assert.Equal(Enumerable.Range(0, Keys.Length), folds.SelectMany(f => f).Order());
        Assert.All(folds, f => Assert.InRange(f.Length, 320, 480)); // 400 expected; a skewed hash would miss this
        Assert.All(folds, f => Assert.Equal(f.Order(), f));
    }

    [Fact]
    public void The_split_is_deterministic_and_independent_of_the_other_rows()
    {
        var first = new GroupedKFold(5).Split(Keys);
        var again = new GroupedKFold(5).Split(Keys);
        Assert.Equal(first, again);

        var kfold = new GroupedKFold(5);
        var alone = Keys.Take(100).Select(kfold.FoldOf).ToArray();
        var amongOthers = Keys.Take(100).Select(k => new GroupedKFold(5).FoldOf(k)).ToArray();
        Assert.Equal(alone, amongOthers);
        // Folds must not depend on the process (string.GetHashCode is randomised): the hash is FNV-1a, whose
        // published 32-bit test vectors for ASCII text it reproduces.
        Assert.Equal(0xE40C292Cu, HsActors.Classification.Training.StableHash.Of("a"));
        Assert.Equal(0xBF9CF968u, HsActors.Classification.Training.StableHash.Of("foobar"));
    }

    [Fact]
    public void Fewer_than_two_folds_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GroupedKFold(1));
        Assert.Contains("at least 2 folds", e.Message);
    }
}
