using HsActors.Silo.Security;
using HsActors.Silo.Tests;
using Microsoft.Playwright;

namespace HsActors.Console.Tests;

/// <summary>
/// A real silo process on the small model and a real headless Chromium (Debian's, driven by Playwright), shared by the
/// console's tests and stopped when they end.
/// </summary>
public sealed class ConsoleSilo : IAsyncLifetime
{
    public const string ExpiredKey = "test-expired-officer-key";
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly SmallModel _model = new();
    private readonly TempDirectory _data = new();
    private readonly IReadOnlyDictionary<string, string> _settings;
    private SiloProcess? _silo;
    private IPlaywright? _playwright;

    public ConsoleSilo()
        : this(new Dictionary<string, string>())
    {
    }

    /// <param name="settings">Added to the journey's settings (a fixture of its own wraps this, xUnit wants one public constructor).</param>
    internal ConsoleSilo(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
    }

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => _silo!.BaseAddress;

    /// <summary>Where the screenshots and browser timings go: HSACTORS_CONSOLE_SCREENSHOTS, else next to the tests.</summary>
    public string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("HSACTORS_CONSOLE_SCREENSHOTS") is { Length: > 0 } given
        ? given : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public HttpClient Client(string key) => _silo!.Client(key);

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The console tests need Debian's Chromium at {ChromiumPath}: apt-get install -y chromium (tests/install-prerequisites does).");
        }
        Directory.CreateDirectory(ScreenshotDirectory);
        var settings = new Dictionary<string, string>
        {
            // One officer's correction retrains its chapter, and the candidate waits for an administrator.
            ["HsActors:Retraining:MinAssessments"] = "1",
            ["HsActors:Retraining:AutoPromote"] = "false",
            ["HsActors:ApiKeys:3:Name"] = "expired-officer",
            ["HsActors:ApiKeys:3:Role"] = "officer",
            ["HsActors:ApiKeys:3:Sha256"] = ApiKeyRegistry.HashOf(ExpiredKey),
            ["HsActors:ApiKeys:3:ExpiresAt"] = "2020-01-01T00:00:00Z",
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }
        _silo = SiloProcess.Start(_model.Directory, _data.Path, settings);
        await _silo.WaitReadyAsync();
        _playwright = await Playwright.CreateAsync();
        // Two shared cores and a silo training in the background: generous waits, never fixed sleeps.
        Assertions.SetDefaultExpectTimeout(30_000);
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        _silo?.Dispose();
        _data.Dispose();
        _model.Dispose();
    }
}
