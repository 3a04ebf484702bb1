using System.Text.Json.Nodes;
using HsActors.Storage.Postgres.Tests;
using Npgsql;

namespace HsActors.Silo.Tests;

/// <summary>The silo with its cluster backend on a real PostgreSQL server (<c>HsActors:Postgres:ConnectionString</c>).</summary>
[Collection(SiloCollection.Name)]
public sealed class PostgresBackendSiloTests(SmallModel model, PostgresServer server) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private Dictionary<string, string?> _settings = [];
    private NpgsqlDataSource _database = null!;
    private SiloFactory _silo = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        _settings = ClusterSettings.Postgres(connectionString);
        _database = NpgsqlDataSource.Create(connectionString);
        _silo = new SiloFactory(model.Directory, _data.Path, _settings);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Assessments_are_counted_once_and_their_overrides_apply_also_after_a_replay_of_the_whole_stream()
    {
        var officer = await _silo.ReadyClientAsync(TestKeys.Officer);
        var hub = _silo.ClientWithKey(TestKeys.Hub);
        var coffee = Assessments.LineOf("09");
        var officersCode = Assessments.LineOf("40"); // deliberately far from what the model says
        var line = new { description = "ROASTED COFFEE not decaffeinated!!", importerId = "IMP-PG" };
        Assert.NotEqual(officersCode, Top(await Json.PostOkAsync(hub, "/v1/classify", line))["code"]!.GetValue<string>());

        var assessment = Assessments.Body("PG-1", "Roasted coffee, not decaffeinated", officersCode, "IMP-PG", declaredCode: coffee);
        await Json.PostOkAsync(officer, "/v1/assessments", assessment);
        var retry = await Json.PostOkAsync(officer, "/v1/assessments", assessment);
        await Json.PostOkAsync(officer, "/v1/assessments", Assessments.Body("PG-2", "natural rubber sheets", officersCode, "IMP-PG"));

        Assert.True(retry["duplicate"]!.GetValue<bool>());
        var stats = await Assessments.WaitForStatisticsAsync(officer, "IMP-PG", s => s["assessments"]!.GetValue<long>() >= 2);
        Assert.Equal(2, stats["assessments"]!.GetValue<long>());
        Assert.Equal(1, stats["corrections"]!.GetValue<long>());
        AssertOverridden(await Json.PostOkAsync(hub, "/v1/classify", line), officersCode, "PG-1");
        // The consumer checkpoints once the batch it delivered is done, a moment after the counts it applied are visible.
        await Eventually.UntilAsync(StoredOffsetsAsync, n => n > 0, "the consumer's position in PostgreSQL");
        await _silo.DisposeAsync();

        // Forget the consumer positions (in PostgreSQL now): the restarted silo replays the whole stream.
        await using (var forget = _database.CreateCommand("DELETE FROM stream_offsets"))
            Assert.True(await forget.ExecuteNonQueryAsync() > 0);
        _silo = new SiloFactory(model.Directory, _data.Path, _settings);
        officer = await _silo.ReadyClientAsync(TestKeys.Officer);
        await Json.PostOkAsync(officer, "/v1/assessments", Assessments.Body("PG-3", "rubber gloves", officersCode, "IMP-PG"));

        var replayed = await Assessments.WaitForStatisticsAsync(officer, "IMP-PG", s => s["assessments"]!.GetValue<long>() >= 3);
        Assert.Equal(3, replayed["assessments"]!.GetValue<long>());
        Assert.Equal(1, replayed["corrections"]!.GetValue<long>());
        AssertOverridden(await Json.PostOkAsync(_silo.ClientWithKey(TestKeys.Hub), "/v1/classify", line), officersCode, "PG-1");
    }

    private static void AssertOverridden(JsonNode answer, string code, string assessmentId)
    {
        var top = Top(answer);
        Assert.Equal(code, top["code"]!.GetValue<string>());
        Assert.Equal("officer-override", top["source"]!.GetValue<string>());
        Assert.Equal(assessmentId, top["assessmentId"]!.GetValue<string>());
    }

    private static JsonNode Top(JsonNode answer) => answer["recommendations"]![0]!;

    private async Task<long> StoredOffsetsAsync()
    {
        await using var count = _database.CreateCommand("SELECT count(*) FROM stream_offsets");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
