using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Deque.AxeCore.Playwright;
using HsActors.Nomenclature;
using HsActors.Silo.Tests;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HsActors.Console.Tests;

/// <summary>
/// The console in a real browser against a real silo, the way an officer and then an administrator use it: every view
/// is checked for accessibility and photographed, and the browser's times to an answer are printed.
/// </summary>
public sealed class ConsoleJourneyTests(ConsoleSilo silo, ITestOutputHelper output) : IClassFixture<ConsoleSilo>
{
    private const string Coffee = "roasted coffee beans, not decaffeinated";
    private static readonly string[] Goods = ["roasted coffee beans", "ground black pepper", "natural rubber sheets", "rubber gloves for surgery", "leather boots for men", "sports shoes with rubber soles"];

    private readonly List<string> _violations = [];

    [Fact]
    public async Task An_officer_checks_lines_and_corrects_one_and_an_administrator_promotes_and_rolls_back_the_retrained_chapter()
    {
        var rubber = FirstLine("40");
        var page = await silo.NewPageAsync();
        await CheckViewAsync(page, "sign-in");
        await SignInAsync(page, TestKeys.Officer);
        await Expect(page.Locator("#who-name")).ToContainTextAsync("test-officer (officer)");
        await Expect(page.Locator("#tab-models")).ToBeHiddenAsync();

        // One description, with the declaration's details: ranked codes, the nomenclature path, the check, statistics.
        await page.FillAsync("#c-description", Coffee);
        await page.ClickAsync(".more summary");
        await page.FillAsync("#c-importer", "IMP-UI");
        await page.FillAsync("#c-declared", rubber);
        await page.FillAsync("#c-origin", "BR");
        var single = Stopwatch.StartNew();
        await page.ClickAsync("#classify-form button[type=submit]");
        await Expect(page.Locator("#recommendations li").First).ToBeVisibleAsync();
        single.Stop();
        var modelsCode = await page.Locator("#recommendations li").First.GetAttributeAsync("data-code");
        Assert.StartsWith("09", modelsCode);
        await Expect(page.Locator("#answer .badge.disagrees")).ToHaveTextAsync("Disagrees");
        await Expect(page.Locator("#recommendations li").First.Locator("ol.path li")).ToHaveCountAsync(5); // section, chapter, heading, subheading, line
        await Expect(page.Locator("#model-versions")).ToContainTextAsync(SmallModel.Version);
        await Expect(page.Locator("#statistics")).ToContainTextAsync("Importer IMP-UI");
        await Expect(page.Locator("#statistics")).ToContainTextAsync($"Who declares {modelsCode![..4]}");
        await CheckViewAsync(page, "classify");

        // The chapter map: chapters from the router's weights, the query on it, one chapter's headings, then 3D.
        await page.ClickAsync("#tab-map");
        await Expect(page.Locator("#map-2d circle")).ToHaveCountAsync(SmallModel.Chapters.Length);
        await Expect(page.Locator("#map-2d [data-query]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#map-legend li").First).ToBeVisibleAsync();
        await CheckViewAsync(page, "map-2d");
        await page.ClickAsync("#map-2d circle[data-code='09']");
        await Expect(page.Locator("#map-back")).ToBeVisibleAsync();
        Assert.All(await page.Locator("#map-2d circle").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.code)"), code => Assert.Matches("^09[0-9]{2}$", code));
        await page.ClickAsync("#map-back");
        await page.CheckAsync("input[name=map-mode][value='3d']");
        await Expect(page.Locator("#map-3d")).ToBeVisibleAsync();
        await page.FocusAsync("#map-3d");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("+");
        await CheckViewAsync(page, "map-3d");

        // A thousand pasted lines through the batch route, with a summary; the coffee line declared as rubber among them.
        await page.ClickAsync("#tab-batch");
        var csv = new StringBuilder("description,importerId,declaredCode\n");
        csv.Append('"').Append(Coffee).Append("\",IMP-UI,").Append(rubber).Append('\n');
        for (var i = 1; i < 1000; i++)
        {
            csv.Append(Goods[i % Goods.Length]).Append(" lot ").Append(i).Append(",IMP-UI,").Append(i % 3 == 0 ? rubber : "").Append('\n');
        }
        await page.FillAsync("#b-lines", csv.ToString());
        var batch = Stopwatch.StartNew();
        await page.ClickAsync("#batch-form button[type=submit]");
        await Expect(page.Locator("#summary h2")).ToHaveTextAsync("Summary", new() { Timeout = 120_000 });
        batch.Stop();
        await Expect(page.Locator("#summary .stat").First).ToContainTextAsync("1000");
        await Expect(page.Locator("#riskiest tbody tr").First).ToBeVisibleAsync();
        await CheckViewAsync(page, "batch-summary");

        // The review queue: riskiest first; the officer records another chapter-09 code for the coffee line.
        await page.ClickAsync("#tab-review");
        var risks = await page.Locator("#review-table tbody tr").EvaluateAllAsync<double[]>("rs => rs.map(r => Number(r.dataset.risk))");
        Assert.NotEmpty(risks);
        Assert.Equal(risks.OrderByDescending(r => r), risks);
        var officersCode = HsNomenclature.Bundled.AtLevel(8).Select(e => e.Code.Digits).First(c => c.StartsWith("09", StringComparison.Ordinal) && c[..6] != modelsCode[..6]);
        var row = page.Locator("#review-table tbody tr", new() { HasText = Coffee });
        await row.Locator("input").FillAsync(officersCode);
        await row.Locator("button").ClickAsync();
        await Expect(row.Locator("[data-now]")).ToHaveAttributeAsync("data-now", officersCode);
        await Expect(row.Locator(".badge.override")).ToHaveTextAsync("officer override");
        await CheckViewAsync(page, "review-queue");

        // The administrator: the correction retrained chapter 09 into a candidate; promote it, then roll back.
        await page.ClickAsync("#sign-out");
        await SignInAsync(page, TestKeys.Admin);
        await page.ClickAsync("#tab-models");
        var candidate = page.Locator("#versions tbody tr[data-status='candidate']");
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            await page.Locator("#models-table tr[data-chapter='09'] button").ClickAsync();
            await Expect(page.Locator("#versions")).ToBeVisibleAsync();
            if (await candidate.CountAsync() > 0 || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(1000); // the retraining runs in the background
        }
        var version = await candidate.First.GetAttributeAsync("data-version");
        Assert.NotNull(version);
        await CheckViewAsync(page, "models");

        // Another administrator changes the pointer behind this page's back: the console shows the conflict, nothing is overwritten.
        using (var other = silo.Client(TestKeys.Admin))
        {
            (await other.PostAsJsonAsync("/v1/admin/models/09/pin", new { reason = "someone else" })).EnsureSuccessStatusCode();
            await page.SelectOptionAsync("#m-promote", version!);
            await page.ClickAsync("#model-detail button:text-is('Promote')");
            await page.ClickAsync("#confirm-ok");
            await Expect(page.Locator("#model-errors")).ToContainTextAsync("nothing was overwritten");
            (await other.PostAsJsonAsync("/v1/admin/models/09/unpin", new { reason = "done" })).EnsureSuccessStatusCode();
        }
        await page.ClickAsync("#model-errors button");
        await page.SelectOptionAsync("#m-promote", version!);
        await page.ClickAsync("#model-detail button:text-is('Promote')");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#model-detail")).ToContainTextAsync($"Active {version}");
        await page.ClickAsync("#model-detail button:text-is('Roll back')");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#model-detail")).ToContainTextAsync($"Active {SmallModel.Version}");
        await Expect(page.Locator("#history tbody")).ToContainTextAsync("rollback");

        await page.ClickAsync("#tab-audit");
        await page.SelectOptionAsync("#a-kind", "ModelPointer");
        await page.ClickAsync("#audit-form button[type=submit]");
        await Expect(page.Locator("#audit-table tbody tr").First).ToBeVisibleAsync();
        await CheckViewAsync(page, "audit");

        var timings = $"time to first answer in the browser: one description {single.ElapsedMilliseconds} ms; 1,000 pasted lines {batch.ElapsedMilliseconds} ms";
        output.WriteLine(timings);
        await File.WriteAllTextAsync(Path.Combine(silo.ScreenshotDirectory, "timings.txt"), timings + "\n");
        Assert.True(_violations.Count == 0, "Accessibility violations:\n" + string.Join('\n', _violations));
    }

    [Fact]
    public async Task The_console_is_usable_at_tablet_width()
    {
        var page = await silo.NewPageAsync(800, 1100);
        await SignInAsync(page, TestKeys.Officer);
        await page.FillAsync("#c-description", "rubber gloves");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#recommendations li").First).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 800, $"the page scrolls sideways at tablet width ({width} px)");
        await CheckViewAsync(page, "classify-tablet");
        Assert.True(_violations.Count == 0, "Accessibility violations:\n" + string.Join('\n', _violations));
    }

    [Theory]
    [InlineData(TestKeys.Hub, "Hub keys are for clearance systems")]
    [InlineData("not-a-key", "The API key is not valid")]
    [InlineData(ConsoleSilo.ExpiredKey, "expired at 2020-01-01")]
    public async Task Keys_without_a_console_are_refused_with_the_reason(string key, string reason)
    {
        var page = await silo.NewPageAsync();
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#signin-form button[type=submit]");
        await Expect(page.Locator("#signin-error")).ToContainTextAsync(reason);
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('hsactors.apiKey')"));
    }

    [Fact]
    public async Task An_officer_sees_the_problem_details_of_a_refused_request_field_by_field()
    {
        var page = await silo.NewPageAsync();
        await SignInAsync(page, TestKeys.Officer);
        await page.FillAsync("#c-description", "coffee");
        await page.ClickAsync(".more summary");
        await page.FillAsync("#c-origin", "B1");
        await page.ClickAsync("#classify-form button[type=submit]");
        await Expect(page.Locator("#classify-errors li[data-field='originCountry']")).ToBeVisibleAsync();
        await Expect(page.Locator("#c-origin")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#signin-form button[type=submit]");
        await Expect(page.Locator("#workspace")).ToBeVisibleAsync();
    }

    private async Task CheckViewAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(silo.ScreenshotDirectory, $"{name}.png"), FullPage = true });
        var axe = await page.RunAxe();
        _violations.AddRange(axe.Violations.Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
    }

    private static string FirstLine(string chapter) =>
        HsNomenclature.Bundled.AtLevel(8).Select(e => e.Code.Digits).First(c => c.StartsWith(chapter, StringComparison.Ordinal));

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
