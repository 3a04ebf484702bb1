using HsActors.Grains.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HsActors.Silo.Tests;

/// <summary>
/// The real silo (Program) in memory, on the small model and its own data directory. Pass the same data directory to
/// a second factory to restart the silo over the same state.
/// </summary>
public sealed class SiloFactory(string modelDirectory, string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null, IModelStore? store = null)
    : WebApplicationFactory<Program>
{
    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "hsactors-silo-data-" + Guid.NewGuid().ToString("N"));

    public string DataDirectory { get; } = dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Settings that Program reads while it registers services (which backends to use) must be there before the
        // app configuration below is applied, which happens only when the host is built: UseSetting passes them early.
        // Many silos run in this process at once: each takes a free port (read while Orleans is configured, so early too).
        builder.UseSetting("HsActors:Orleans:SiloPort", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureAppConfiguration((_, configuration) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["HsActors:DataDirectory"] = DataDirectory,
                ["HsActors:ModelDirectory"] = modelDirectory,
            };
            foreach (var (key, value) in TestKeys.Configuration())
            {
                values[key] = value;
            }
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }
            configuration.AddInMemoryCollection(values);
        });
        if (store is not null)
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
