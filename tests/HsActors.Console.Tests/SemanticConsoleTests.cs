using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using HsActors.Silo.Tests;
using Microsoft.Playwright;

namespace HsActors.Console.Tests;

/// <summary>The models view with a key that is not a chapter: the semantic index, which offers only what applies to it.</summary>
public sealed class SemanticConsoleTests(SemanticConsoleSilo fixture) : IClassFixture<SemanticConsoleSilo>
{
    [Fact]
    public async Task An_administrator_opens_the_semantic_index_and_is_offered_promotion_and_rollback_only()
    {
        var silo = fixture.Silo;
        using (var admin = silo.Client(TestKeys.Admin))
        {
            // The index is published once the silo serves; the view lists what the registry holds when it opens.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (JsonNode.Parse(await admin.GetStringAsync("/v1/admin/models"))!["chapters"]!.AsArray().All(c => c!["chapter"]!.GetValue<string>() != "semantic"))
            {
                Assert.True(DateTime.UtcNow < deadline, "the semantic index was not published within 60 s");
                await Task.Delay(200);
            }
        }
        var page = await silo.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.FillAsync("#api-key", TestKeys.Admin);
        await page.ClickAsync("#signin-form button[type=submit]");
        await page.ClickAsync("#tab-models");

        await page.Locator("#models-table tr[data-chapter='semantic'] button").ClickAsync();

        await Expect(page.Locator("#model-detail-title")).ToHaveTextAsync("Semantic index");
        await Expect(page.Locator("#model-detail")).ToContainTextAsync($"This silo serves {SmallSemanticIndex.Version}");
        await Expect(page.Locator("#m-promote")).ToBeVisibleAsync();
        await Expect(page.Locator("#model-detail button:text-is('Roll back')")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#m-canary, #m-shadow").CountAsync());
        Assert.Equal(0, await page.Locator("#model-detail button:text-is('Retrain now'), #model-detail button:text-is('Pin')").CountAsync());
        Assert.Empty(errors);
        var axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, "Accessibility violations: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id} {v.Help}")));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
