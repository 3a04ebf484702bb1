using HsActors.Classification.Hierarchy;
using HsActors.Learning;

namespace HsActors.Classification.Tests;

public sealed class FeatureMapTests
{
    [Fact]
    public void Remapping_keeps_exactly_the_known_features_renumbered_in_order()
    {
        var random = new Random(7);
        foreach (var (mapSize, rowSize, space) in new[] { (0, 5, 100), (1, 1, 10), (5, 40, 50), (300, 10, 100_000), (20_000, 300, 150_000), (50, 50, 60) })
        {
            for (var trial = 0; trial < 50; trial++)
            {
                var map = new FeatureMap(Distinct(random, mapSize, space));
                var indices = Distinct(random, rowSize, space);
                var row = new SparseVector(indices, [.. indices.Select(i => (float)i)]);
                var known = map.GlobalIds.ToArray().Select((id, local) => (id, local)).ToDictionary(p => p.id, p => p.local);
                var expected = indices.Where(known.ContainsKey).Select(i => (Local: known[i], Value: (float)i)).ToArray();

                var local = map.ToLocal(row);
                Assert.Equal(expected.Select(e => e.Local), local.Indices);
                Assert.Equal(expected.Select(e => e.Value), local.Values);
            }
        }
    }

    [Fact]
    public void Features_before_after_and_between_the_known_ones_are_dropped()
    {
        var map = new FeatureMap([10, 20, 30]);
        var local = map.ToLocal(new SparseVector([1, 10, 15, 20, 29, 30, 31, 1000], [1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Equal([0, 1, 2], local.Indices);
        Assert.Equal([2f, 4f, 6f], local.Values);
        Assert.Empty(FeatureMap.Empty.ToLocal(new SparseVector([1, 2], [1, 1])).Indices);
    }

    [Fact]
    public void Ascending_lookups_with_one_cursor_find_what_a_dictionary_finds()
    {
        var random = new Random(11);
        var map = new FeatureMap(Distinct(random, 5_000, 60_000));
        var known = map.GlobalIds.ToArray().Select((id, local) => (id, local)).ToDictionary(p => p.id, p => p.local);
        var cursor = 0;
        foreach (var id in Distinct(random, 2_000, 60_000))
        {
            Assert.Equal(known.TryGetValue(id, out var local) ? local : -1, map.LocalId(id, ref cursor));
        }
    }

    [Fact]
    public void Dense_and_sparse_maps_both_drop_ids_beyond_their_largest()
    {
        // 32 of the first 64 ids is dense enough for the rank index; 3 ids spread over 100,000 are searched instead.
        foreach (var ids in new[] { Enumerable.Range(0, 32).Select(i => i * 2).ToArray(), [5, 50_000, 99_999] })
        {
            var map = new FeatureMap(ids);
            var cursor = 0;
            Assert.Equal(-1, map.LocalId(ids[^1] + 1, ref cursor));
            Assert.Equal(-1, map.LocalId(1_000_000, ref cursor));
            var local = map.ToLocal(new SparseVector([ids[0], ids[^1], ids[^1] + 64, 2_000_000], [1f, 2f, 3f, 4f]));
            Assert.Equal([0, ids.Length - 1], local.Indices);
            Assert.Equal([1f, 2f], local.Values);
        }
    }

    private static int[] Distinct(Random random, int count, int space)
    {
        var ids = new HashSet<int>();
        while (ids.Count < Math.Min(count, space))
        {
            ids.Add(random.Next(space));
        }
        var sorted = ids.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
