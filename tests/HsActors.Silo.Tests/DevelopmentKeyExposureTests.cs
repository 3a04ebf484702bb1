using HsActors.Silo.Security;
using Microsoft.Extensions.Configuration;

namespace HsActors.Silo.Tests;

public sealed class DevelopmentKeyExposureTests
{
    private static readonly string[] DevKeys = ["dev-hub-key"];

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080;http://127.0.0.2:5081")]
    public void Loopback_addresses_start_with_the_development_keys(string urls) =>
        Assert.Null(DevelopmentKeyExposure.Refusal(Configuration(), DevKeys, urls));

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://127.0.0.1:5080;http://10.1.2.3:5080")]
    [InlineData("http://silo.example:80")]
    public void Network_addresses_refuse_the_development_keys_in_one_line_naming_the_way_out(string urls)
    {
        var refusal = DevelopmentKeyExposure.Refusal(Configuration(), DevKeys, urls);

        Assert.NotNull(refusal);
        Assert.DoesNotContain('\n', refusal);
        Assert.Contains(DevelopmentKeyExposure.AllowSetting, refusal);
        Assert.Contains("dev-hub-key", refusal);
    }

    [Fact]
    public void The_setting_allows_it_on_purpose_and_own_keys_need_no_setting()
    {
        Assert.Null(DevelopmentKeyExposure.Refusal(Configuration((DevelopmentKeyExposure.AllowSetting, "true")), DevKeys, "http://0.0.0.0:8080"));
        Assert.Null(DevelopmentKeyExposure.Refusal(Configuration(), [], "http://0.0.0.0:8080"));
    }

    [Fact]
    public async Task A_silo_process_on_all_interfaces_with_the_development_keys_exits_with_the_reason()
    {
        using var data = new TempDirectory();
        using var silo = SiloProcess.Start(data.Path, data.Path, new Dictionary<string, string>
        {
            ["urls"] = "http://0.0.0.0:0",
            ["HsActors:ApiKeys:0:Name"] = "dev",
            ["HsActors:ApiKeys:0:Role"] = "hub",
            ["HsActors:ApiKeys:0:Sha256"] = ApiKeyRegistry.HashOf("dev-hub-key"),
        });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(silo.WaitReadyAsync);
        Assert.Contains("Refusing to start", failure.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
