using HsActors.Abstractions.Statistics;

namespace HsActors.Storage.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ImporterStatisticsStoreTests(PostgresServer server) : PostgresTestDatabase(server)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task DeltasWrittenInParallelThroughDifferentSilosAddUpExactly()
    {
        // Three "silos", each with its own connection pool, write interleaved deltas for the same importers at once.
        var silos = Enumerable.Range(0, 3).Select(_ => NewStore()).ToList();
        var deltas = RandomDeltas(seed: 7, count: 900, importers: ["IMP-A", "IMP-B", "IMP-C"]);

        await Parallel.ForEachAsync(deltas.Select((delta, i) => (delta, i)), new ParallelOptions { MaxDegreeOfParallelism = 24 },
            async (item, _) => await silos[item.i % silos.Count].AppendAsync([item.delta]));

        var reader = NewStore();
        foreach (var importer in new[] { "IMP-A", "IMP-B", "IMP-C" })
        {
            var expected = deltas.Where(d => d.ImporterId == importer)
                .Aggregate(ImporterStatistics.Empty(importer), (s, d) => s.Apply(d with { At = PostgresTime.ToStored(d.At) }));
            AssertSameStatistics(expected, await reader.ReadAsync(importer));
        }
    }

    [Fact]
    public async Task ConcurrentAppendsWithinTheWindowShareOneTransaction()
    {
        var store = NewStore(new PostgresBackendOptions { StatisticsWriteWindow = TimeSpan.FromSeconds(1) });
        var deltas = RandomDeltas(seed: 3, count: 50, importers: ["IMP-W"]);

        // Enqueued back to back: all fall inside the one-second window the writer waits after the first.
        await Task.WhenAll(deltas.Select(d => store.AppendAsync([d])).ToList());

        Assert.InRange(store.TransactionsCommitted, 1, 2);
        var expected = deltas.Aggregate(ImporterStatistics.Empty("IMP-W"), (s, d) => s.Apply(d with { At = PostgresTime.ToStored(d.At) }));
        AssertSameStatistics(expected, await NewStore().ReadAsync("IMP-W"));
    }

    [Fact]
    public async Task AnImporterNeverRecordedReadsAsNull()
    {
        var store = NewStore();
        await store.AppendAsync([new ImporterDelta { ImporterId = "IMP-1", At = Start, Declarations = 1 }]);

        Assert.Null(await store.ReadAsync("IMP-2"));
        Assert.Equal(1, (await store.ReadAsync("IMP-1"))!.Declarations);
    }

    [Fact]
    public async Task RecencyIsTheLatestInstantPerKeyWhateverTheOrderOfArrival()
    {
        var store = NewStore();
        await store.AppendAsync([Delta("IMP-R", Start.AddHours(2), "84713000")]);
        await store.AppendAsync([Delta("IMP-R", Start, "84713000"), Delta("IMP-R", Start.AddHours(1), "85171300")]);

        var statistics = (await store.ReadAsync("IMP-R"))!;

        Assert.Equal(Start, statistics.FirstSeen);
        Assert.Equal(Start.AddHours(2), statistics.LastSeen);
        Assert.Equal(new KeyTally(2, Start.AddHours(2)), statistics.Codes["84713000"]);
        Assert.Equal(new KeyTally(1, Start.AddHours(1)), statistics.Codes["85171300"]);
        Assert.Equal(new KeyTally(2, Start.AddHours(2)), statistics.Chapters["84"]);
        Assert.Equal(new KeyTally(1, Start.AddHours(1)), statistics.Chapters["85"]);
    }

    [Fact]
    public async Task DeltasAndTheConsumerOffsetCommitTogetherOrNotAtAll()
    {
        var store = NewStore();
        var offsets = new PostgresStreamOffsetStore(NewDatabase());

        await store.AppendAsync([Delta("IMP-O", Start, "84713000")], new ConsumerOffset("importer-counter", 5));
        Assert.Equal(5, await offsets.LoadAsync("importer-counter"));
        Assert.Equal(1, (await store.ReadAsync("IMP-O"))!.Declarations);

        // PostgreSQL refuses a NUL character in text: the transaction fails, and the offset must not move either.
        var refused = Delta("IMP-\0", Start, "84713000");
        await Assert.ThrowsAnyAsync<Exception>(() => store.AppendAsync([Delta("IMP-O", Start, "85171300"), refused], new ConsumerOffset("importer-counter", 9)));

        Assert.Equal(5, await offsets.LoadAsync("importer-counter"));
        var statistics = (await store.ReadAsync("IMP-O"))!;
        Assert.Equal(1, statistics.Declarations);
        Assert.False(statistics.Codes.ContainsKey("85171300"));
    }

    private PostgresImporterStatisticsStore NewStore(PostgresBackendOptions? options = null) =>
        Own(new PostgresImporterStatisticsStore(NewDatabase(), options));

    private static ImporterDelta Delta(string importer, DateTimeOffset at, string code) => new()
    {
        ImporterId = importer,
        At = at,
        Declarations = 1,
        Codes = new Dictionary<string, long> { [code] = 1 },
    };

    private static List<ImporterDelta> RandomDeltas(int seed, int count, string[] importers)
    {
        var random = new Random(seed);
        string[] codes = ["84713000", "84714900", "85171300", "61091000", "62034200", "39269099", "8471"];
        string[] agents = ["AG-1", "AG-2", "AG-3"];
        string[] countries = ["CN", "JP", "US", "DE", "ID"];
        return
        [
            .. Enumerable.Range(0, count).Select(_ => new ImporterDelta
            {
                ImporterId = importers[random.Next(importers.Length)],
                // Sub-microsecond ticks on purpose: the store keeps microseconds.
                At = Start.AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 30)),
                Declarations = random.Next(0, 4),
                Assessments = random.Next(0, 2),
                Corrections = random.Next(0, 2),
                Codes = Pick(random, codes),
                Agents = Pick(random, agents),
                OriginCountries = Pick(random, countries),
            }),
        ];
    }

    private static Dictionary<string, long> Pick(Random random, string[] keys) =>
        keys.Where(_ => random.Next(3) == 0).ToDictionary(k => k, _ => (long)random.Next(1, 5));

    private static void AssertSameStatistics(ImporterStatistics expected, ImporterStatistics? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.ImporterId, actual.ImporterId);
        Assert.Equal(expected.Declarations, actual.Declarations);
        Assert.Equal(expected.Assessments, actual.Assessments);
        Assert.Equal(expected.Corrections, actual.Corrections);
        Assert.Equal(expected.FirstSeen, actual.FirstSeen);
        Assert.Equal(expected.LastSeen, actual.LastSeen);
        Assert.Equal(Sorted(expected.Codes), Sorted(actual.Codes));
        Assert.Equal(Sorted(expected.Chapters), Sorted(actual.Chapters));
        Assert.Equal(Sorted(expected.Agents), Sorted(actual.Agents));
        Assert.Equal(Sorted(expected.OriginCountries), Sorted(actual.OriginCountries));
    }

    private static List<KeyValuePair<string, KeyTally>> Sorted(IReadOnlyDictionary<string, KeyTally> tallies) =>
        [.. tallies.OrderBy(p => p.Key, StringComparer.Ordinal)];
}
