using System.Text;
using HsActors.Abstractions.Overrides;
using HsActors.Grains.Overrides;
using Microsoft.Extensions.Logging.Abstractions;

namespace HsActors.Silo.Tests;

public sealed class OverrideLogTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task An_empty_table_finds_nothing()
    {
        using var log = Open();

        Assert.Null(await log.FindAsync("roast coffee", null));
        Assert.Null(await log.FindAsync("roast coffee", "IMP-1"));
        Assert.Equal(0, await log.CountAsync());
    }

    [Fact]
    public async Task The_importers_own_override_wins_over_the_one_for_everyone()
    {
        using var log = Open();
        await log.UpsertAsync(Row("roast coffee", null, "09012110", "A-1", Monday));
        await log.UpsertAsync(Row("roast coffee", "IMP-1", "09012120", "A-2", Monday));

        Assert.Equal("09012120", (await log.FindAsync("roast coffee", "IMP-1"))!.Code);
        Assert.Equal("09012110", (await log.FindAsync("roast coffee", "IMP-2"))!.Code);
        Assert.Equal("09012110", (await log.FindAsync("roast coffee", null))!.Code);
        Assert.Null(await log.FindAsync("green coffee", "IMP-1"));
        Assert.Equal(2, await log.CountAsync());
    }

    [Fact]
    public async Task The_newest_assessment_wins_whatever_the_order_of_upserts()
    {
        using var log = Open();
        await log.UpsertAsync(Row("roast coffee", null, "09012120", "A-new", Monday.AddHours(1)));
        await log.UpsertAsync(Row("roast coffee", null, "09012110", "A-old", Monday));

        Assert.Equal("A-new", (await log.FindAsync("roast coffee", null))!.AssessmentId);
        Assert.Equal(1, await log.CountAsync());
    }

    [Fact]
    public async Task Upserts_survive_a_reopen_and_a_replayed_upsert_writes_nothing()
    {
        var row = Row("roast coffee", "IMP-1", "09012120", "A-1", Monday);
        using (var log = Open())
        {
            await log.UpsertAsync(row);
            await log.UpsertAsync(Row("rubber tyre", null, "40111000", "A-2", Monday));
        }
        var length = new FileInfo(FilePath).Length;

        using var reopened = Open();
        await reopened.UpsertAsync(row);

        Assert.Equal(row, await reopened.FindAsync("roast coffee", "IMP-1"));
        Assert.Equal("40111000", (await reopened.FindAsync("rubber tyre", "IMP-9"))!.Code);
        Assert.Equal(length, new FileInfo(FilePath).Length);
    }

    [Fact]
    public async Task A_torn_last_line_is_cut_off_and_the_rows_before_it_are_kept()
    {
        using (var log = Open())
        {
            await log.UpsertAsync(Row("roast coffee", null, "09012110", "A-1", Monday));
        }
        await File.AppendAllTextAsync(FilePath, "{\"normalizedDescription\":\"rubber ty", Encoding.UTF8);

        using var reopened = Open();
        await reopened.UpsertAsync(Row("rubber tyre", null, "40111000", "A-2", Monday));

        Assert.Equal("09012110", (await reopened.FindAsync("roast coffee", null))!.Code);
        Assert.Equal("40111000", (await reopened.FindAsync("rubber tyre", null))!.Code);
        Assert.All(await File.ReadAllLinesAsync(FilePath), line => Assert.StartsWith("{", line));
    }

    [Fact]
    public async Task Replaced_rows_are_compacted_away_on_open()
    {
        using (var log = Open())
        {
            for (var i = 0; i < 5; i++)
            {
                await log.UpsertAsync(Row("roast coffee", null, "0901211" + i, "A-" + i, Monday.AddMinutes(i)));
            }
        }

        using var reopened = Open();

        Assert.Single(await File.ReadAllLinesAsync(FilePath));
        Assert.Equal("09012114", (await reopened.FindAsync("roast coffee", null))!.Code);
    }

    [Fact]
    public async Task A_damaged_line_before_the_end_refuses_to_open()
    {
        using (var log = Open())
        {
            await log.UpsertAsync(Row("roast coffee", null, "09012110", "A-1", Monday));
        }
        await File.AppendAllTextAsync(FilePath, "not json\n");

        var error = Assert.Throws<InvalidDataException>(() => Open());
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    private string FilePath => Path.Combine(_directory.Path, OverrideLog.FileName);

    private OverrideLog Open() => OverrideLog.Open(_directory.Path, NullLogger.Instance);

    private static OfficerOverride Row(string description, string? importer, string code, string assessmentId, DateTimeOffset at) =>
        new(description, importer, code, assessmentId, "OFF-1", at);
}
