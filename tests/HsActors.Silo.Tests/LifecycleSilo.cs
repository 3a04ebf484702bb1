using System.Text.Json.Nodes;
using HsActors.Abstractions.Models;
using HsActors.Abstractions.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace HsActors.Silo.Tests;

/// <summary>
/// A test silo serving the small model through its own model registry (file-system blobs in its data directory), with
/// fast pointer polling and retraining checks, and the admin and hub clients the lifecycle tests use.
/// </summary>
public sealed class LifecycleSilo : IAsyncDisposable
{
    private LifecycleSilo(SiloFactory factory, HttpClient hub, HttpClient admin)
    {
        Factory = factory;
        Hub = hub;
        Admin = admin;
    }

    public SiloFactory Factory { get; }

    public HttpClient Hub { get; }

    public HttpClient Admin { get; }

    public IModelRegistry Registry => Factory.Services.GetRequiredService<IModelRegistry>();

    public static async Task<LifecycleSilo> StartAsync(SmallModel model, IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["HsActors:Models:PollInterval"] = "00:00:00.100",
            ["HsActors:Retraining:CheckInterval"] = "00:00:00.200",
            ["HsActors:Retraining:MaxDelay"] = "01:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var factory = dataDirectory is null ? new SiloFactory(model.Directory, values) : new SiloFactory(model.Directory, dataDirectory, values);
        var hub = await factory.ReadyClientAsync(TestKeys.Hub);
        return new LifecycleSilo(factory, hub, factory.ClientWithKey(TestKeys.Admin));
    }

    /// <summary>Publishes the active version's bytes again under <paramref name="version"/>: a second version that answers identically.</summary>
    public async Task PublishCopyAsync(string chapter, string version)
    {
        var active = (await Registry.GetPointerAsync(chapter))!.Pointer.ActiveVersion!;
        var content = await Registry.OpenVersionAsync(chapter, active);
        await Registry.PublishAsync(chapter, content.Content, new ModelVersionDraft { Version = version, CreatedBy = "tests", ParentVersion = active });
    }

    public async Task<JsonNode> ClassifyAsync(string description, string? id = null) =>
        await Json.PostOkAsync(Hub, "/v1/classify", id is null ? new { description } : new { description, id });

    /// <param name="importerId">The officers' override then applies to this importer's lines only, so lines without it show the model's own answer.</param>
    /// <param name="officerOf">Who assessed each id; by default a different officer per id.</param>
    public async Task AppendAssessmentsAsync(string description, string declaredCode, string assessedCode, IEnumerable<int> ids, string? importerId = null,
        Func<int, string>? officerOf = null)
    {
        var stream = Factory.Services.GetRequiredService<IAssessmentStream>();
        foreach (var id in ids)
        {
            await stream.AppendAsync(new AssessmentRecord
            {
                AssessmentId = $"assessment-{id}",
                Description = description,
                DeclaredCode = declaredCode,
                AssessedCode = assessedCode,
                OfficerId = officerOf?.Invoke(id) ?? $"officer-{id}",
                ImporterId = importerId,
                AssessedAt = DateTimeOffset.UtcNow,
            });
        }
    }

    public async Task<JsonNode> ChapterAsync(string chapter) => await Json.ReadAsync(await Admin.GetAsync("/v1/admin/models/" + chapter));

    /// <summary>Classifies a line of the chapter so its grain is active in this silo (the admin view then shows what it serves).</summary>
    public Task<JsonNode> WarmAsync(string description) => ClassifyAsync(description);

    /// <summary>
    /// The model's own first code for a coffee line (after a warm-up line that loads the chapters it consults), and
    /// another chapter-09 national line of a different subheading: the code officers "correct" it to in the tests.
    /// </summary>
    public async Task<(string ModelsCode, string OfficersCode)> CoffeeCorrectionAsync(string description)
    {
        await WarmAsync(description);
        var modelsCode = TopCode(await ClassifyAsync(description));
        var officersCode = HsActors.Nomenclature.HsNomenclature.Bundled.AtLevel(8).Select(e => e.Code.Digits)
            .First(c => c.StartsWith("09", StringComparison.Ordinal) && c[..6] != modelsCode[..6]);
        return (modelsCode, officersCode);
    }

    public static string TopCode(JsonNode response) => response["recommendations"]![0]!["code"]!.GetValue<string>();

    public static string VersionOf(JsonNode response, string chapter) => response["modelVersions"]![chapter]!.GetValue<string>();

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
