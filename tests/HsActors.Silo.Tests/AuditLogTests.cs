using System.Text;
using System.Text.Json;
using HsActors.Abstractions.Audit;
using HsActors.Grains.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace HsActors.Silo.Tests;

public sealed class AuditLogTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2025, 1, 6, 23, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly ManualTime _time = new(Monday);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Buffered_entries_are_answered_by_a_query_right_after_the_append()
    {
        await using var log = Open(TimeSpan.FromMinutes(10)); // the timer never fires during the test

        log.Append(Entry(AuditKind.Classification, "line-1", Monday));
        var found = await QueryAsync(log, new AuditQuery());

        Assert.Equal("line-1", Assert.Single(found).Subject);
    }

    [Fact]
    public async Task Queries_filter_by_kind_subject_and_time_oldest_first_up_to_the_limit()
    {
        await using var log = Open();
        for (var i = 0; i < 6; i++)
        {
            log.Append(Entry(AuditKind.Classification, "line-" + (i % 2), Monday.AddMinutes(i)));
        }
        await log.AppendDurableAsync(Entry(AuditKind.Assessment, "A-1", Monday.AddMinutes(10)));

        var assessments = await QueryAsync(log, new AuditQuery { Kind = AuditKind.Assessment });
        var lineOne = await QueryAsync(log, new AuditQuery { Subject = "line-1" });
        var window = await QueryAsync(log, new AuditQuery { From = Monday.AddMinutes(2), To = Monday.AddMinutes(4) });
        var limited = await QueryAsync(log, new AuditQuery { Limit = 2 });

        Assert.Equal("A-1", Assert.Single(assessments).Subject);
        Assert.Equal([Monday.AddMinutes(1), Monday.AddMinutes(3), Monday.AddMinutes(5)], lineOne.Select(e => e.At));
        Assert.Equal([Monday.AddMinutes(2), Monday.AddMinutes(3), Monday.AddMinutes(4)], window.Select(e => e.At));
        Assert.Equal([Monday, Monday.AddMinutes(1)], limited.Select(e => e.At));
    }

    [Fact]
    public async Task Entries_survive_a_reopen_with_their_details_as_recorded()
    {
        var structured = Entry(AuditKind.ModelPointer, "84", Monday) with { Details = """{"action":"promote","version":"v7"}""" };
        var text = Entry(AuditKind.Retraining, "84", Monday) with { Details = "candidate v8 regressed; waiting for an administrator" };
        await using (var log = Open())
        {
            await log.AppendDurableAsync(structured);
            await log.AppendDurableAsync(text);
        }

        await using var reopened = Open();
        var entries = await QueryAsync(reopened, new AuditQuery { Subject = "84" });

        Assert.Equal(2, entries.Count);
        Assert.Equal(structured with { Details = "" }, entries[0] with { Details = "" });
        Assert.Equal("promote", JsonDocument.Parse(entries[0].Details).RootElement.GetProperty("action").GetString());
        Assert.Equal(text, entries[1]);
    }

    [Fact]
    public async Task A_torn_last_line_is_cut_off_at_open_and_later_entries_follow_it()
    {
        await using (var log = Open())
        {
            await log.AppendDurableAsync(Entry(AuditKind.Assessment, "A-1", Monday));
        }
        var file = Assert.Single(Directory.GetFiles(_directory.Path));
        await File.AppendAllTextAsync(file, "{\"id\":\"torn\",\"kind\":\"Assess", Encoding.UTF8);

        await using var reopened = Open();
        await reopened.AppendDurableAsync(Entry(AuditKind.Assessment, "A-2", Monday));
        var entries = await QueryAsync(reopened, new AuditQuery());

        Assert.Equal(["A-1", "A-2"], entries.Select(e => e.Subject));
    }

    [Fact]
    public async Task Writes_go_to_one_file_per_day_and_a_time_window_finds_an_entry_written_after_midnight()
    {
        await using var log = Open();
        await log.AppendDurableAsync(Entry(AuditKind.Assessment, "monday", Monday));
        _time.Now = Monday.AddHours(2);
        await log.AppendDurableAsync(Entry(AuditKind.Assessment, "monday-written-tuesday", Monday.AddMinutes(10)));
        await log.AppendDurableAsync(Entry(AuditKind.Assessment, "tuesday", Monday.AddHours(2)));

        var monday = await QueryAsync(log, new AuditQuery { To = Monday.AddMinutes(30) });
        var tuesday = await QueryAsync(log, new AuditQuery { From = Monday.AddHours(1) });

        Assert.Equal(2, Directory.GetFiles(_directory.Path, "audit-*.jsonl").Length);
        Assert.Equal(["monday", "monday-written-tuesday"], monday.Select(e => e.Subject));
        Assert.Equal("tuesday", Assert.Single(tuesday).Subject);
    }

    [Fact]
    public async Task The_classification_entry_names_every_model_version_and_the_codes_returned()
    {
        var request = new HsActors.Contracts.ClassifyRequest { Description = "roasted coffee", ImporterId = "IMP-1" };
        var response = new HsActors.Contracts.ClassifyResponse
        {
            Recommendations =
            [
                new("09012120", 1.0, "09", "Coffee", null, [], HsActors.Contracts.Recommendation.OfficerOverrideSource, "A-9"),
                new("09012110", 0.4, "09", "Coffee", null, []),
            ],
            Chapters = [],
            ModelVersions = new Dictionary<string, string> { ["router"] = "r-1", ["09"] = "c09-3" },
            FromOfficerAssessment = true,
        };

        var entry = AuditEntries.Classification(request, response, "test-hub", Monday);

        Assert.Equal(AuditKind.Classification, entry.Kind);
        Assert.Equal(AuditEntries.DescriptionSubject("roasted coffee"), entry.Subject);
        var details = JsonDocument.Parse(entry.Details).RootElement;
        Assert.Equal("c09-3", details.GetProperty("modelVersions").GetProperty("09").GetString());
        Assert.Equal("r-1", details.GetProperty("modelVersions").GetProperty("router").GetString());
        Assert.Equal(["09012120", "09012110"], details.GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal("A-9", details.GetProperty("codes")[0].GetProperty("assessmentId").GetString());
        Assert.False(details.TryGetProperty("description", out _));
    }

    private AuditLog Open(TimeSpan? flushInterval = null) =>
        AuditLog.Open(_directory.Path, NullLogger.Instance, _time, new AuditLogOptions { FlushInterval = flushInterval ?? TimeSpan.FromMilliseconds(200) });

    private static AuditEntry Entry(AuditKind kind, string subject, DateTimeOffset at) =>
        new(Guid.NewGuid().ToString("N"), kind, at, "tester", subject, """{"n":1}""");

    private static async Task<List<AuditEntry>> QueryAsync(AuditLog log, AuditQuery query)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in log.QueryAsync(query))
        {
            entries.Add(entry);
        }
        return entries;
    }
}
