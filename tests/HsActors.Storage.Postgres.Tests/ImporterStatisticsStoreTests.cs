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
    public async Task ARefusedBatchMovesNeitherTheCountsNorTheStreamMark()
    {
        var store = NewStore();
        await store.AppendAsync([Assessment("IMP-O", 5, "84713000")]);

        // PostgreSQL refuses a NUL character in text: the transaction fails, and the mark must not move either.
        var refused = Delta("IMP-\0", Start, "84713000");
        await Assert.ThrowsAnyAsync<Exception>(() => store.AppendAsync([Assessment("IMP-O", 9, "85171300"), refused]));

        var statistics = (await NewStore().ReadAsync("IMP-O"))!;
        Assert.Equal(1, statistics.Assessments);
        Assert.Equal(5, statistics.AssessmentStreamOffset);
        Assert.False(statistics.Codes.ContainsKey("85171300"));

        // Offset 9 was never counted, so its retry is.
        await store.AppendAsync([Assessment("IMP-O", 9, "85171300")]);
        Assert.Equal(2, (await NewStore().ReadAsync("IMP-O"))!.Assessments);
    }

    [Fact]
    public async Task ReplayedStreamOffsetsAreSkippedAndTheMarkIsReadBack()
    {
        var store = NewStore();
        var first = Enumerable.Range(0, 10).Select(i => Assessment(i % 2 == 0 ? "IMP-E" : "IMP-D", i, i % 3 == 0 ? "84713000" : "85171300")).ToList();
        foreach (var delta in first)
            await store.AppendAsync([delta]);

        // The consumer resumes from a lagging saved offset: offsets 4..9 come again, then new ones, plus a declaration.
        var restarted = NewStore();
        var replay = first.Skip(4).Append(Assessment("IMP-E", 10, "84713000")).Append(Delta("IMP-E", Start, "84713000")).ToList();
        foreach (var delta in replay)
            await restarted.AppendAsync([delta]);

        Assert.Equal(6, restarted.DeltasSkipped);
        var reader = NewStore();
        foreach (var importer in new[] { "IMP-E", "IMP-D" })
        {
            var expected = first.Concat(replay).Where(d => d.ImporterId == importer)
                .Aggregate(ImporterStatistics.Empty(importer), (s, d) => s.Apply(d));
            var actual = await reader.ReadAsync(importer);
            AssertSameStatistics(expected, actual);
            Assert.Equal(expected.AssessmentStreamOffset, actual!.AssessmentStreamOffset);
        }
        Assert.Equal(6, (await reader.ReadAsync("IMP-E"))!.Assessments);
        Assert.Equal(10, (await reader.ReadAsync("IMP-E"))!.AssessmentStreamOffset);
        Assert.Equal(9, (await reader.ReadAsync("IMP-D"))!.AssessmentStreamOffset);
    }

    [Fact]
    public async Task AnImporterCountedOnlyFromDeclarationsHasNoStreamMark()
    {
        var store = NewStore();
        await store.AppendAsync([Delta("IMP-N", Start, "84713000")]);

        var statistics = (await store.ReadAsync("IMP-N"))!;
        Assert.Null(statistics.AssessmentStreamOffset);
        Assert.Equal(1, statistics.Declarations);
    }

    [Fact]
    public async Task DeltasOfOneImporterInOneBatchAreJudgedInOffsetOrder()
    {
        var store = NewStore(new PostgresBackendOptions { StatisticsWriteWindow = TimeSpan.FromMilliseconds(500) });
        await store.AppendAsync([Assessment("IMP-B", 3, "84713000")]);

        // One transaction: 7 after 5 counts, the second 5 and the 2 (below the stored 3) do not; 6 arrives after 7 and
        // is below the mark by then. Declarations in the same batch always count.
        await Task.WhenAll(
            store.AppendAsync([Assessment("IMP-B", 7, "85171300"), Assessment("IMP-B", 5, "84713000")]),
            store.AppendAsync([Assessment("IMP-B", 5, "84713000"), Assessment("IMP-B", 2, "84713000"), Delta("IMP-B", Start, "61091000")]));
        await store.AppendAsync([Assessment("IMP-B", 6, "84713000")]);

        var statistics = (await NewStore().ReadAsync("IMP-B"))!;
        Assert.Equal(3, statistics.Assessments);
        Assert.Equal(1, statistics.Declarations);
        Assert.Equal(7, statistics.AssessmentStreamOffset);
        Assert.Equal(2, statistics.Codes["84713000"].Count);
        Assert.Equal(1, statistics.Codes["85171300"].Count);
        Assert.Equal(1, statistics.Codes["61091000"].Count);
        Assert.Equal(3, store.DeltasSkipped);
    }

    [Fact]
    public async Task SilosCountingTheSameStreamConcurrentlyCountEachAssessmentOnce()
    {
        // Three silos, each with its own connection pool, run the same projection over the same stream at once: each
        // appends every entry's delta, importer by importer in offset order as its consumer does, and records its own
        // declarations in between.
        const int Silos = 3;
        string[] importers = ["IMP-A", "IMP-B", "IMP-C", "IMP-D"];
        var stream = RandomDeltas(seed: 11, count: 600, importers).Select((d, i) => d with { StreamOffset = i, Declarations = 0 }).ToList();
        var declarations = RandomDeltas(seed: 12, count: 150, importers).Select(d => d with { Assessments = 0, Corrections = 0 }).ToList();
        var silos = Enumerable.Range(0, Silos).Select(_ => NewStore()).ToList();

        await Task.WhenAll(silos.Select((silo, s) => Task.Run(async () =>
        {
            var ownDeclarations = declarations.Where((_, i) => i % Silos == s).ToList();
            await Task.WhenAll(importers.Select(async importer =>
            {
                var mine = ownDeclarations.Where(d => d.ImporterId == importer).ToList();
                var entries = stream.Where(d => d.ImporterId == importer).ToList();
                for (var i = 0; i < entries.Count; i++)
                {
                    await silo.AppendAsync([entries[i]]);
                    if (i % 4 == 0 && mine.Count > 0)
                    {
                        await silo.AppendAsync([mine[^1]]);
                        mine.RemoveAt(mine.Count - 1);
                    }
                }
                foreach (var declaration in mine)
                    await silo.AppendAsync([declaration]);
            }));
        })));

        Assert.Equal((Silos - 1) * stream.Count, silos.Sum(s => s.DeltasSkipped));
        var reader = NewStore();
        foreach (var importer in importers)
        {
            var expected = stream.Concat(declarations).Where(d => d.ImporterId == importer)
                .Aggregate(ImporterStatistics.Empty(importer), (s, d) => s.Apply(d with { At = PostgresTime.ToStored(d.At) }));
            var actual = await reader.ReadAsync(importer);
            AssertSameStatistics(expected, actual);
            Assert.Equal(expected.AssessmentStreamOffset, actual!.AssessmentStreamOffset);
        }
    }

    [Fact]
    public void UnappliedKeepsDeclarationsAndOffsetsAboveTheMarkInOffsetOrder()
    {
        ImporterDelta[] deltas =
        [
            Assessment("X", 9, "84713000"), Assessment("Y", 1, "84713000"), Delta("X", Start, "84713000"),
            Assessment("X", 4, "84713000"), Assessment("X", 9, "84713000"), Assessment("Z", 0, "84713000"),
        ];
        var marks = new Dictionary<string, long?> { ["X"] = 4, ["Y"] = 1, ["Z"] = null };

        var applied = PostgresImporterStatisticsStore.Unapplied(deltas, marks);

        Assert.Equal([deltas[2], deltas[5], deltas[0]], applied);
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

    private static ImporterDelta Assessment(string importer, long offset, string code) => new()
    {
        ImporterId = importer,
        At = Start.AddMinutes(offset),
        Assessments = 1,
        Codes = new Dictionary<string, long> { [code] = 1 },
        StreamOffset = offset,
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
