using System.Text.Json.Nodes;
using HsActors.Api.Fuzz.Tests.Document;
using HsActors.Silo.Tests;

namespace HsActors.Api.Fuzz.Tests.Fixtures;

/// <summary>
/// A real silo process on the small model, private to the fuzzer (so whatever the fuzzer changes changes nothing
/// elsewhere), with its OpenAPI document read once. Stopped, and its directories deleted, when the tests end.
/// </summary>
public sealed class FuzzSilo : IAsyncLifetime
{
    private readonly SmallModel _model = new();
    private readonly TempDirectory _data = new();
    private SiloProcess? _silo;

    public Uri BaseAddress => Process.BaseAddress;

    public SiloProcess Process => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public ApiDocument Document { get; private set; } = null!;

    /// <summary>The model versions the registry holds per chapter when the run starts: the valid values of version fields.</summary>
    public IReadOnlyList<string> ModelVersions { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(_model.Directory, _data.Path, new Dictionary<string, string>
        {
            // Officers' keys are throttled to 50 requests a second, which the fuzzer would spend in 429s.
            ["HsActors:RateLimits:officer:PermitsPerSecond"] = "100000",
            ["HsActors:RateLimits:officer:Burst"] = "100000",
            // Accepted assessments never start a retraining by themselves, so the run's load and its answers do not
            // depend on when one finishes; the admin route still retrains on request, one thread at a time.
            ["HsActors:Retraining:MinAssessments"] = "1000000",
            ["HsActors:Retraining:RouterMinAssessments"] = "1000000",
            ["HsActors:Retraining:MaxDelay"] = "365.00:00:00",
            ["HsActors:Retraining:AutoPromote"] = "false",
            ["HsActors:Retraining:TrainingThreads"] = "1",
        });
        await _silo.WaitReadyAsync();
        using var client = Client(TestKeys.Admin);
        Document = await ApiDocument.LoadAsync(client);
        await CandidateVersionAsync(client, SmallModel.Chapters[0]);
        ModelVersions = await ModelVersionsAsync(client);
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    public Task DisposeAsync()
    {
        _silo?.Dispose();
        _data.Dispose();
        _model.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A second version of one chapter (retrained, left a candidate), so promotions, canaries, shadows and rollbacks
    /// have a version to move to and the fuzzer reaches their successes, not only their refusals.
    /// </summary>
    private static async Task CandidateVersionAsync(HttpClient admin, string chapter)
    {
        (await admin.PostAsync($"/v1/admin/models/{chapter}/retrain", null)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await VersionsAsync(admin, chapter)).Count < 2)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Chapter {chapter} was not retrained within 90 s.");
            }
            await Task.Delay(250);
        }
    }

    private static async Task<IReadOnlyList<string>> ModelVersionsAsync(HttpClient admin)
    {
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var chapter in SmallModel.Chapters.Append("router"))
        {
            versions.UnionWith(await VersionsAsync(admin, chapter));
        }
        return [.. versions];
    }

    private static async Task<List<string>> VersionsAsync(HttpClient admin, string chapter)
    {
        var detail = JsonNode.Parse(await admin.GetStringAsync($"/v1/admin/models/{chapter}"));
        return [.. (detail?["versions"]?.AsArray() ?? []).Select(v => v?["version"]?.GetValue<string>()).OfType<string>()];
    }
}

[CollectionDefinition(Name)]
public sealed class FuzzSiloCollection : ICollectionFixture<FuzzSilo>
{
    public const string Name = "fuzz silo";
}
