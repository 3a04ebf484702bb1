using System.Text.Json.Nodes;
using HsActors.Cli;

namespace HsActors.Silo.Tests;

/// <summary><c>hs models …</c> against a real in-memory silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class ModelsCliTests(SmallModel model)
{
    [Fact]
    public async Task List_show_promote_and_rollback_through_the_admin_api()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);
        await silo.PublishCopyAsync("40", "v2");

        var (code, output, _) = await RunAsync(silo, "models", "list");
        Assert.Equal(0, code);
        Assert.Contains("40", output);
        Assert.Contains(SmallModel.Version, output);

        (code, output, _) = await RunAsync(silo, "models", "promote", "40", "v2", "--reason", "cli test");
        Assert.Equal(0, code);
        (code, output, _) = await RunAsync(silo, "models", "show", "40", "--json");
        Assert.Equal(0, code);
        var detail = JsonNode.Parse(output)!;
        Assert.Equal("v2", detail["chapter"]!["activeVersion"]!.GetValue<string>());
        Assert.Equal("cli test", detail["history"]![0]!["reason"]!.GetValue<string>());

        (code, _, _) = await RunAsync(silo, "models", "rollback", "40");
        Assert.Equal(0, code);
        (_, output, _) = await RunAsync(silo, "models", "list", "--json");
        var chapter40 = JsonNode.Parse(output)!["chapters"]!.AsArray().Single(c => c!["chapter"]!.GetValue<string>() == "40")!;
        Assert.Equal(SmallModel.Version, chapter40["activeVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refusals_print_the_problem_and_exit_non_zero()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);

        var (code, _, error) = await RunAsync(silo, "models", "promote", "40", "nosuchversion");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("404", error);
        Assert.Contains("nosuchversion", error);

        (code, _, error) = await RunAsync(silo, "models", "pin", "40");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("reason", error);

        (code, _, error) = await RunAsync(silo, "models", "canary", "40", "v2");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--percent", error);

        (code, _, error) = await RunAsync(silo, "models", "list", "--key", TestKeys.Hub);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("403", error);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(LifecycleSilo silo, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var withDefaults = args.Contains("--key") ? args : [.. args, "--key", TestKeys.Admin];
        var code = await HsCommandLine.RunAsync([.. withDefaults, "--silo", silo.Factory.Server.BaseAddress.ToString()],
            new CliConsole(output, error, interactive: false), http: silo.Factory.Server.CreateHandler());
        return (code, output.ToString(), error.ToString());
    }
}
