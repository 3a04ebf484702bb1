using HsActors.Abstractions.Statistics;
using HsActors.Grains.Statistics;
using Microsoft.Extensions.Logging.Abstractions;

namespace HsActors.Silo.Tests;

public sealed class ImporterDeltaLogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hsactors-importers-" + Guid.NewGuid().ToString("N"));
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Acknowledged_appends_are_replayed_after_reopening()
    {
        await using (var log = ImporterDeltaLog.Open(_directory, NullLogger.Instance))
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(i => log.AppendAsync([Delta("A", i, "09012110")])));
            await log.AppendAsync([Delta("B", 0, "401110"), Delta("B", 1, "401110")]);
        }

        await using var reopened = ImporterDeltaLog.Open(_directory, NullLogger.Instance);
        var a = await reopened.ReadAsync("A");
        var b = await reopened.ReadAsync("B");

        Assert.Equal(50, a!.Declarations);
        Assert.Equal(50, a.Codes["09012110"].Count);
        Assert.Equal(T0.AddMinutes(49), a.LastSeen);
        Assert.Equal(T0, a.FirstSeen);
        Assert.Equal(2, b!.Chapters["40"].Count);
        Assert.Null(await reopened.ReadAsync("C"));
    }

    [Fact]
    public async Task Opening_compacts_the_log_into_one_snapshot_per_importer_without_losing_counts()
    {
        await using (var log = ImporterDeltaLog.Open(_directory, NullLogger.Instance))
        {
            for (var i = 0; i < 20; i++)
            {
                await log.AppendAsync([Delta("A", i, "09012110")]);
            }
        }
        await using (ImporterDeltaLog.Open(_directory, NullLogger.Instance))
        {
        }

        Assert.Single(File.ReadAllLines(Path.Combine(_directory, ImporterDeltaLog.FileName)));
        await using var reopened = ImporterDeltaLog.Open(_directory, NullLogger.Instance);
        var a = await reopened.ReadAsync("A");
        Assert.Equal(20, a!.Declarations);
        Assert.Equal(T0.AddMinutes(19), a.Codes["09012110"].LastSeen);
    }

    [Fact]
    public async Task A_torn_last_write_is_dropped_and_the_log_stays_appendable()
    {
        await using (var log = ImporterDeltaLog.Open(_directory, NullLogger.Instance))
        {
            await log.AppendAsync([Delta("A", 0, "09012110")]);
        }
        File.AppendAllText(Path.Combine(_directory, ImporterDeltaLog.FileName), "{\"delta\":{\"importerId\":\"A\",\"at\":\"2025-03-");

        await using (var log = ImporterDeltaLog.Open(_directory, NullLogger.Instance))
        {
            Assert.Equal(1, (await log.ReadAsync("A"))!.Declarations);
            await log.AppendAsync([Delta("A", 1, "09012110")]);
        }
        await using var reopened = ImporterDeltaLog.Open(_directory, NullLogger.Instance);
        Assert.Equal(2, (await reopened.ReadAsync("A"))!.Declarations);
    }

    [Fact]
    public async Task A_corrupt_line_inside_the_log_refuses_to_open_naming_the_line()
    {
        await using (var log = ImporterDeltaLog.Open(_directory, NullLogger.Instance))
        {
            await log.AppendAsync([Delta("A", 0, "09012110")]);
        }
        var path = Path.Combine(_directory, ImporterDeltaLog.FileName);
        File.WriteAllText(path, "garbage\n" + File.ReadAllText(path));

        var error = Assert.Throws<InvalidDataException>(() => ImporterDeltaLog.Open(_directory, NullLogger.Instance));
        Assert.Contains("line 1", error.Message);
    }

    private static ImporterDelta Delta(string importer, int minute, string code) => new()
    {
        ImporterId = importer,
        At = T0.AddMinutes(minute),
        Declarations = 1,
        Codes = new Dictionary<string, long> { [code] = 1 },
        OriginCountries = new Dictionary<string, long> { ["CN"] = 1 },
    };
}
