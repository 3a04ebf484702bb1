using System.Text.Json.Nodes;

namespace HsActors.Silo.Tests;

/// <summary>A lifecycle silo with its semantic stage on, serving <see cref="SmallSemanticIndex"/> (published at its first start), and the waits its tests share.</summary>
public static class SemanticSilo
{
    public const string Key = "semantic";

    public static async Task<LifecycleSilo> StartAsync(SmallModel model, SmallSemanticIndex index, string? dataDirectory = null)
    {
        var silo = await LifecycleSilo.StartAsync(model, new Dictionary<string, string?>
        {
            ["HsActors:Semantic:Enabled"] = "true",
            ["HsActors:Semantic:IndexFile"] = index.File,
            ["HsActors:Semantic:BuildWhenMissing"] = "false",
        }, dataDirectory);
        try
        {
            // The index loads after the silo is ready; until then every line is answered "fast".
            await Eventually.UntilAsync(() => Json.PostOkAsync(silo.Hub, "/v1/classify", new { description = "cotton shirt", mode = "full" }),
                a => a["mode"]!.GetValue<string>() == "full", "the semantic index to be served", TimeSpan.FromSeconds(60));
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the admin view says this silo serves <paramref name="version"/> of the semantic index.</summary>
    public static Task<JsonNode> ServedAsync(LifecycleSilo silo, string version) =>
        Eventually.UntilAsync(() => silo.ChapterAsync(Key), d => d["chapter"]?["served"]?["version"]?.GetValue<string>() == version,
            $"the silo to serve semantic index {version}", TimeSpan.FromSeconds(60));

    /// <summary>The codes a line gets in "full" mode, where the index always takes part.</summary>
    public static async Task<IReadOnlyList<string>> CodesAsync(LifecycleSilo silo, string description)
    {
        var answer = await Json.PostOkAsync(silo.Hub, "/v1/classify", new { description, mode = "full" });
        Assert.True(answer["encoderConsulted"]!.GetValue<bool>(), answer.ToJsonString());
        return [.. answer["recommendations"]!.AsArray().Select(r => r!["code"]!.GetValue<string>())];
    }
}
