using HsActors.Storage.Postgres.Tests;
using HsActors.Streaming.Tests;
using Npgsql;

namespace HsActors.Silo.Tests;

/// <summary>
/// Two silos as in <c>deploy/cluster</c>: one RabbitMQ assessment stream and one PostgreSQL database, both real. Every
/// silo consumes the whole stream and applies it to the shared importer statistics.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ClusterSiloTests(SmallModel model, RabbitMqBroker broker, PostgresServer server)
    : IClassFixture<RabbitMqBroker>, IClassFixture<PostgresServer>, IAsyncLifetime
{
    private readonly List<TempDirectory> _data = [new(), new()];
    private readonly List<SiloFactory> _silos = [];
    private NpgsqlDataSource _database = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        _database = NpgsqlDataSource.Create(connectionString);
        var settings = ClusterSettings.RabbitMq(broker).Concat(ClusterSettings.Postgres(connectionString)).ToDictionary();
        _silos.AddRange(_data.Select(d => new SiloFactory(model.Directory, d.Path, settings)));
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
            await silo.DisposeAsync();
        await _database.DisposeAsync();
        foreach (var directory in _data)
            directory.Dispose();
    }

    [Fact]
    public async Task Assessments_posted_to_either_silo_are_counted_once_in_the_shared_statistics()
    {
        var officers = new List<HttpClient>();
        foreach (var silo in _silos)
            officers.Add(await silo.ReadyClientAsync(TestKeys.Officer));
        var coffee = Assessments.LineOf("09");
        var rubber = Assessments.LineOf("40");

        // Alternating silos, with retries through the other silo; "CL-0" also has a correction.
        const int Count = 12;
        for (var i = 0; i < Count; i++)
        {
            var body = Assessments.Body($"CL-{i}", "roasted coffee", i % 3 == 0 ? rubber : coffee, "IMP-CL", declaredCode: i == 0 ? coffee : null);
            await Json.PostOkAsync(officers[i % 2], "/v1/assessments", body);
            await Json.PostOkAsync(officers[(i + 1) % 2], "/v1/assessments", body);
        }

        foreach (var officer in officers)
        {
            var stats = await Assessments.WaitForStatisticsAsync(officer, "IMP-CL", s => s["assessments"]!.GetValue<long>() >= Count);
            Assert.Equal(Count, stats["assessments"]!.GetValue<long>());
            Assert.Equal(1, stats["corrections"]!.GetValue<long>());
        }
        // Both silos' consumers have passed every entry (each silo counted all of them above); the table agrees.
        await using var command = _database.CreateCommand("SELECT assessments, corrections FROM importer_totals WHERE importer_id = 'IMP-CL'");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(Count, reader.GetInt64(0));
        Assert.Equal(1, reader.GetInt64(1));
    }
}
