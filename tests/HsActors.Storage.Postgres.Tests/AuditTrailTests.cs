using System.Text.Json.Nodes;
using HsActors.Abstractions.Audit;

namespace HsActors.Storage.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class AuditTrailTests(PostgresServer server) : PostgresTestDatabase(server)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task QueriesFilterByKindSubjectAndTimeOldestFirst()
    {
        var trail = NewTrail();
        trail.Append(Entry("e1", AuditKind.Classification, Noon, "LINE-1"));
        trail.Append(Entry("e2", AuditKind.Assessment, Noon.AddMinutes(1), "LINE-1"));
        trail.Append(Entry("e3", AuditKind.Classification, Noon.AddMinutes(2), "LINE-2"));
        trail.Append(Entry("e4", AuditKind.ModelPointer, Noon.AddMinutes(3), "84"));
        // Durable: completes once it and everything queued before it is committed.
        await trail.AppendDurableAsync(Entry("e5", AuditKind.Classification, Noon.AddMinutes(4), "LINE-1"));

        var reader = NewTrail();
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], await IdsAsync(reader, new AuditQuery()));
        Assert.Equal(["e1", "e3", "e5"], await IdsAsync(reader, new AuditQuery { Kind = AuditKind.Classification }));
        Assert.Equal(["e1", "e2", "e5"], await IdsAsync(reader, new AuditQuery { Subject = "LINE-1" }));
        Assert.Equal(["e1", "e5"], await IdsAsync(reader, new AuditQuery { Subject = "LINE-1", Kind = AuditKind.Classification }));
        Assert.Equal(["e2", "e3", "e4"], await IdsAsync(reader, new AuditQuery { From = Noon.AddMinutes(1), To = Noon.AddMinutes(3) }));
        Assert.Equal(["e1", "e2"], await IdsAsync(reader, new AuditQuery { Limit = 2 }));
        Assert.Empty(await IdsAsync(reader, new AuditQuery { Kind = AuditKind.Retraining }));
    }

    [Fact]
    public async Task EntriesComeBackWithTheirDetailsAsJson()
    {
        var trail = NewTrail();
        var entry = new AuditEntry("p1", AuditKind.ModelPointer, Noon, "admin-key", "84",
            """{"chapter":"84","from":"v3","to":"v4","canary":{"version":"v5","percent":10},"note":"naïve"}""");

        await trail.AppendDurableAsync(entry);

        var stored = Assert.Single(await ToListAsync(NewTrail().QueryAsync(new AuditQuery { Subject = "84" })));
        Assert.Equal(entry with { Details = "" }, stored with { Details = "" });
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(entry.Details), JsonNode.Parse(stored.Details)), stored.Details);
    }

    [Fact]
    public async Task BufferedEntriesAreWrittenWithoutADurableOneBehindThem()
    {
        var trail = NewTrail(new PostgresBackendOptions { AuditFlushInterval = TimeSpan.FromMilliseconds(50) });
        for (var i = 0; i < 250; i++)
            trail.Append(Entry($"b{i}", AuditKind.Classification, Noon.AddSeconds(i), "LINE-B"));

        var reader = NewTrail();
        await WaitUntilAsync(async () => (await IdsAsync(reader, new AuditQuery { Subject = "LINE-B", Limit = 1000 })).Count == 250,
            "all buffered entries are stored");
    }

    [Fact]
    public async Task AnEntryRecordedTwiceIsStoredOnce()
    {
        var trail = NewTrail();
        await trail.AppendDurableAsync(Entry("same", AuditKind.Assessment, Noon, "A-1"));
        await trail.AppendDurableAsync(Entry("same", AuditKind.Assessment, Noon, "A-1"));

        Assert.Equal(["same"], await IdsAsync(trail, new AuditQuery()));
    }

    [Fact]
    public async Task OneBadEntryDoesNotCostTheOthersInItsBatch()
    {
        var trail = NewTrail();
        trail.Append(Entry("ok-1", AuditKind.Assessment, Noon, "A-1"));
        // Valid JSON, but jsonb cannot hold a NUL character: refused by PostgreSQL, not by the parser.
        var bad = trail.AppendDurableAsync(Entry("bad", AuditKind.Assessment, Noon, "A-2") with { Details = """{"text":"a\u0000b"}""" });
        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        await trail.AppendDurableAsync(Entry("ok-2", AuditKind.Assessment, Noon, "A-3"));

        Assert.Equal(["ok-1", "ok-2"], await IdsAsync(trail, new AuditQuery()));
    }

    [Fact]
    public void DetailsThatAreNotJsonAreRefusedAtOnce()
    {
        var trail = NewTrail();

        var error = Assert.Throws<ArgumentException>(() => trail.Append(Entry("x", AuditKind.Assessment, Noon, "A") with { Details = "{not json" }));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    private PostgresAuditTrail NewTrail(PostgresBackendOptions? options = null) => Own(new PostgresAuditTrail(NewDatabase(), options));

    private static AuditEntry Entry(string id, AuditKind kind, DateTimeOffset at, string subject) =>
        new(id, kind, at, "officer-key", subject, $$"""{"id":"{{id}}"}""");

    private static async Task<List<string>> IdsAsync(PostgresAuditTrail trail, AuditQuery query) =>
        [.. (await ToListAsync(trail.QueryAsync(query))).Select(e => e.Id)];

    private static async Task<List<AuditEntry>> ToListAsync(IAsyncEnumerable<AuditEntry> entries)
    {
        var list = new List<AuditEntry>();
        await foreach (var entry in entries)
            list.Add(entry);
        return list;
    }
}
