using System.Text.Json.Nodes;
using HsActors.Api.Fuzz.Tests.Checks;
using HsActors.Api.Fuzz.Tests.Fixtures;
using HsActors.Silo.Tests;

namespace HsActors.Api.Fuzz.Tests;

/// <summary>
/// The Orleans Dashboard's per-silo routes answered 500 (an activation failure, with its stack trace in the log) to
/// an administrator's request with anything but a silo address; the fuzzer met it while the dashboard was still in
/// the document.
/// </summary>
[Collection(FuzzSiloCollection.Name)]
public sealed class DashboardRegressionTests(FuzzSilo silo)
{
    [Theory]
    [InlineData("SiloProperties/x")]
    [InlineData("SiloMetadata/x")]
    [InlineData("SiloCounters/%09")]
    [InlineData("HistoricalStats/x")]
    [InlineData("SiloStats/not-a-silo")]
    public async Task A_malformed_silo_address_is_a_400_problem_naming_it(string route)
    {
        using var admin = silo.Client(TestKeys.Admin);

        var response = await admin.GetAsync($"{Program.DashboardRoute}/{route}");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(ResponseRules.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]?["address"]);
    }

    [Fact]
    public async Task A_silo_address_of_the_cluster_still_reaches_the_dashboard()
    {
        using var admin = silo.Client(TestKeys.Admin);
        var hosts = JsonNode.Parse(await admin.GetStringAsync($"{Program.DashboardRoute}/DashboardCounters"))!["hosts"]!.AsArray();
        var address = hosts[0]!["siloAddress"]!.GetValue<string>();

        var response = await admin.GetAsync($"{Program.DashboardRoute}/SiloProperties/{Uri.EscapeDataString(address)}");

        Assert.Equal(200, (int)response.StatusCode);
    }
}
