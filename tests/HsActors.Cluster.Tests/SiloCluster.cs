using System.Text.Json.Nodes;
using HsActors.Abstractions.Models;
using HsActors.ModelRegistry;
using HsActors.Silo.Tests;
using HsActors.Storage.AzureBlob;
using HsActors.Storage.Postgres.Tests;
using HsActors.Storage.Tests;
using HsActors.Streaming.RabbitMq;
using HsActors.Streaming.Tests;

namespace HsActors.Cluster.Tests;

/// <summary>
/// Three silo processes as <c>deploy/cluster</c> runs them, on real servers started for the test run: one RabbitMQ
/// (assessment stream), one PostgreSQL database (overrides, audit, offsets), one Azurite (model
/// registry; Orleans membership and grain state). Each silo has its own data directory; all read the small model's directory, and the first
/// silo publishes it into the registry before the others start.
/// </summary>
public sealed class SiloCluster : IAsyncLifetime
{
    public const int Size = 3;
    public const int MinAssessments = 10;
    private const string ModelContainer = "hsactors-models";

    private readonly TempDirectory[] _data = [.. Enumerable.Range(0, Size).Select(_ => new TempDirectory())];
    private readonly SiloProcess?[] _silos = new SiloProcess?[Size];
    private string _postgres = "";

    public RabbitMqBroker Broker { get; } = new();

    public PostgresServer Postgres { get; } = new();

    public AzuriteFixture Azurite { get; } = new();

    public SmallModel Model { get; private set; } = null!;

    public string StreamName { get; } = "hsactors.assessments.cluster-" + Guid.NewGuid().ToString("N");

    /// <summary>The registry every silo serves from, for the tests to publish versions into.</summary>
    public IModelRegistry Registry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var training = Task.Run(() => new SmallModel());
        await Task.WhenAll(Broker.InitializeAsync(), Postgres.InitializeAsync(), Azurite.InitializeAsync());
        _postgres = await Postgres.CreateDatabaseAsync();
        Model = await training;
        Registry = new BlobModelRegistry(AzureBlobStore.Create(
            new AzureBlobStoreOptions { ConnectionString = Azurite.ConnectionString, ContainerName = ModelContainer }));

        // The first silo finds the registry empty and publishes the model; the others then find it there.
        await StartAsync(0);
        await Task.WhenAll(Enumerable.Range(1, Size - 1).Select(StartAsync));
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
            silo?.Dispose();
        await Task.WhenAll(Broker.DisposeAsync(), Postgres.DisposeAsync(), Azurite.DisposeAsync());
        Model?.Dispose();
        foreach (var directory in _data)
            directory.Dispose();
    }

    /// <summary>The silos running now, by index (a killed one is missing until <see cref="EnsureAllRunningAsync"/>).</summary>
    public IReadOnlyList<(int Index, SiloProcess Silo)> Running =>
        [.. _silos.Select((s, i) => (i, s)).Where(x => x.s is not null).Select(x => (x.i, x.s!))];

    public SiloProcess this[int index] => _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");

    /// <summary>SIGKILL: the silo's process dies with whatever it held (connections, buffers, its ownership tokens).</summary>
    public void Kill(int index)
    {
        _silos[index]?.Dispose();
        _silos[index] = null;
    }

    /// <summary>Restarts any killed silo on its own data directory.</summary>
    public Task EnsureAllRunningAsync() =>
        Task.WhenAll(Enumerable.Range(0, Size).Where(i => _silos[i] is null).Select(StartAsync));

    /// <summary>Publishes the chapter's active version again under a new name: a second version answering identically.</summary>
    public async Task<(string Active, string Copy)> PublishCopyAsync(string chapter)
    {
        var active = (await Registry.GetPointerAsync(chapter))!.Pointer.ActiveVersion!;
        var copy = $"cluster-copy-{Guid.NewGuid():N}"[..24];
        var content = await Registry.OpenVersionAsync(chapter, active);
        await Registry.PublishAsync(chapter, content.Content, new ModelVersionDraft { Version = copy, CreatedBy = "cluster tests", ParentVersion = active });
        return (active, copy);
    }

    /// <summary>Which running silos say they host the retrainer grain of <paramref name="chapter"/> (admin view).</summary>
    public async Task<IReadOnlyList<int>> OwnersAsync(string chapter)
    {
        var owners = new List<int>();
        foreach (var (index, silo) in Running)
        {
            using var admin = silo.Client(TestKeys.Admin);
            var response = await admin.GetAsync("/v1/admin/models/" + chapter);
            if (!response.IsSuccessStatusCode)
                continue;
            var detail = await Json.ReadAsync(response);
            if (detail["chapter"]?["retraining"]?["owned"]?.GetValue<bool>() == true)
                owners.Add(index);
        }
        return owners;
    }

    /// <summary>The chapter's versions as the registry lists them (newest first), through any running silo's admin API.</summary>
    public async Task<JsonArray> VersionsAsync(string chapter)
    {
        using var admin = Running[0].Silo.Client(TestKeys.Admin);
        return (await Json.ReadAsync(await admin.GetAsync("/v1/admin/models/" + chapter)))["versions"]!.AsArray();
    }

    /// <summary>A reader of the cluster's assessment stream, as a silo opens it.</summary>
    public Task<RabbitMqAssessmentStream> OpenStreamAsync() =>
        RabbitMqAssessmentStream.OpenAsync(new RabbitMqStreamOptions { Endpoint = Broker.Endpoint, StreamName = StreamName });

    private async Task StartAsync(int index)
    {
        var silo = SiloProcess.Start(Model.Directory, _data[index].Path, Settings());
        _silos[index] = silo;
        await silo.WaitReadyAsync();
    }

    private readonly string _clusterId = "hsactors-test-" + Guid.NewGuid().ToString("N")[..12];

    private Dictionary<string, string> Settings() => new()
    {
        ["HsActors:RabbitMq:Uri"] = $"amqp://guest:guest@{Broker.Endpoint.HostName}:{Broker.Endpoint.Port}/",
        ["HsActors:RabbitMq:StreamName"] = StreamName,
        ["HsActors:Postgres:ConnectionString"] = _postgres,
        ["HsActors:AzureBlob:ConnectionString"] = Azurite.ConnectionString,
        ["HsActors:AzureBlob:Container"] = ModelContainer,
        ["HsActors:Retraining:MinAssessments"] = MinAssessments.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HsActors:Retraining:CheckInterval"] = "00:00:00.200",
        // One Orleans cluster: membership in Azurite's tables, grain state in its blobs (the models' account). The
        // backstop poll is an hour, so a pointer change can reach the other silos only through the chapter grain's push.
        ["HsActors:Orleans:Clustering"] = "AzureStorage",
        ["HsActors:Orleans:ClusterId"] = _clusterId,
        ["HsActors:Models:PollInterval"] = "01:00:00",
        ["HsActors:Retraining:MaxDelay"] = "01:00:00",
        // The router is not what these tests retrain; chapters are.
        ["HsActors:Retraining:RouterMinAssessments"] = "1000000",
        // Retrained versions stay candidates, so what the silos serve changes only when a test promotes.
        ["HsActors:Retraining:AutoPromote"] = "false",
        // Assessments come fast from the tests: no rate limit in the way.
        ["HsActors:RateLimits:officer:PermitsPerSecond"] = "100000",
        ["HsActors:RateLimits:officer:Burst"] = "100000",
        ["Logging:LogLevel:HsActors.Streaming.RabbitMq"] = "Information",
    };
}
