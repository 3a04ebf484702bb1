using HsActors.Grains.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HsActors.Silo.Tests;

/// <summary>
/// The real silo (Program) in memory, on the small model. Without a data directory it makes its own and removes it when
/// disposed; pass a directory the test owns (a <see cref="TempDirectory"/>) to a second factory to restart the silo over
/// the same state.
/// </summary>
public sealed class SiloFactory : WebApplicationFactory<Program>
{
    private readonly string _modelDirectory;
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly IModelStore? _store;
    private readonly TempDirectory? _ownData;

    public SiloFactory(string modelDirectory, IReadOnlyDictionary<string, string?>? settings = null, IModelStore? store = null)
        : this(modelDirectory, new TempDirectory(), settings, store)
    {
    }

    public SiloFactory(string modelDirectory, string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null, IModelStore? store = null)
    {
        _modelDirectory = modelDirectory;
        DataDirectory = dataDirectory;
        _settings = settings;
        _store = store;
    }

    private SiloFactory(string modelDirectory, TempDirectory ownData, IReadOnlyDictionary<string, string?>? settings, IModelStore? store)
        : this(modelDirectory, ownData.Path, settings, store)
    {
        _ownData = ownData;
    }

    public string DataDirectory { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _ownData?.Dispose();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Settings that Program reads while it registers services (which backends to use) must be there before the
        // app configuration below is applied, which happens only when the host is built: UseSetting passes them early.
        // Many silos run in this process at once: each takes a free port (read while Orleans is configured, so early too).
        builder.UseSetting("HsActors:Orleans:SiloPort", "0");
        // The semantic stage would encode the bundled corpus in the background; its own tests switch it on with a small index.
        builder.UseSetting("HsActors:Semantic:Enabled", "false");
        foreach (var (key, value) in _settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureAppConfiguration((_, configuration) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["HsActors:DataDirectory"] = DataDirectory,
                ["HsActors:ModelDirectory"] = _modelDirectory,
            };
            foreach (var (key, value) in TestKeys.Configuration())
            {
                values[key] = value;
            }
            foreach (var (key, value) in _settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }
            configuration.AddInMemoryCollection(values);
        });
        if (_store is { } store)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(store));
        }
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    /// <summary>The model loads in the background after start; tests wait for readiness like an orchestrator would.</summary>
    public async Task<HttpClient> ReadyClientAsync(string? key)
    {
        var client = ClientWithKey(key);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync("/health/ready");
            if (response.IsSuccessStatusCode)
            {
                return client;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The silo did not become ready: {await response.Content.ReadAsStringAsync()}");
            }
            await Task.Delay(50);
        }
    }
}
