using HsActors.Classification.Hierarchy;
using HsActors.Grains.Classification;

namespace HsActors.Silo.Hosting;

/// <summary>The <c>HsActors</c> configuration section.</summary>
public sealed class SiloOptions
{
    public const string Section = "HsActors";
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Models and state; relative paths are under the current directory.</summary>
    public string DataDirectory { get; set; } = ".hsactors";

    /// <summary>The model to serve; default <c>&lt;DataDirectory&gt;/models/current</c>, trained there from the bundled corpus when missing.</summary>
    public string? ModelDirectory { get; set; }

    public string Urls { get; set; } = DefaultUrls;

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Per role (hub, officer, admin).</summary>
    public Dictionary<string, RateLimitOptions> RateLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public ClassificationSettings Classification { get; set; } = new();

    public RequestLimits Limits { get; set; } = new();

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory);

    public string ResolvedModelDirectory => Path.GetFullPath(ModelDirectory ?? Path.Combine(ResolvedDataDirectory, "models", "current"));
}

public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";

    /// <summary>hub, officer or admin.</summary>
    public string Role { get; set; } = "";

    /// <summary>Lower- or upper-case hex SHA-256 of the key; the key itself is never configured.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>When set, the key is refused (401, saying it expired) from this instant on: keys handed out for a term.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

public sealed class RateLimitOptions
{
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>Requests allowed at once above the steady rate; 0 means the same as <see cref="PermitsPerSecond"/>.</summary>
    public int Burst { get; set; }
}

public sealed class ClassificationSettings
{
    public int ChaptersToExpand { get; set; } = 5;

    /// <summary>See <see cref="HierarchyOptions.AlternativeChapters"/>; 0 with <see cref="AlternativeHeadings"/> 0 ranks purely by probability.</summary>
    public int AlternativeChapters { get; set; } = new HierarchyOptions().AlternativeChapters;

    public int AlternativeHeadings { get; set; } = new HierarchyOptions().AlternativeHeadings;

    public int AlternativeSubheadings { get; set; } = new HierarchyOptions().AlternativeSubheadings;

    /// <summary>See <see cref="HierarchyOptions.ChapterFitSlope"/>; 0 keeps the router's chapter probabilities.</summary>
    public float ChapterFitSlope { get; set; } = new HierarchyOptions().ChapterFitSlope;

    /// <summary>See <see cref="HierarchyOptions.ChapterTemperature"/>; 1 leaves the re-weighed chapter probabilities as they are.</summary>
    public float ChapterTemperature { get; set; } = new HierarchyOptions().ChapterTemperature;

    public double DeclaredCodeAgreementThreshold { get; set; } = 0.01;

    /// <summary>0 = importer history does not touch the ranking.</summary>
    public double ImporterHistoryWeight { get; set; }

    /// <summary>See <see cref="ClassificationOptions.BatchParallelism"/>; 0 = all cores but one.</summary>
    public int BatchParallelism { get; set; }

    public ClassificationOptions ToOptions() => new()
    {
        Hierarchy = new()
        {
            ChaptersToExpand = ChaptersToExpand, AlternativeChapters = AlternativeChapters, AlternativeHeadings = AlternativeHeadings,
            AlternativeSubheadings = AlternativeSubheadings, ChapterFitSlope = ChapterFitSlope, ChapterTemperature = ChapterTemperature,
        },
        DeclaredCodeAgreementThreshold = DeclaredCodeAgreementThreshold,
        ImporterHistoryWeight = ImporterHistoryWeight,
        BatchParallelism = BatchParallelism > 0 ? BatchParallelism : new ClassificationOptions().BatchParallelism,
    };
}

public sealed class RequestLimits
{
    public int MaxDescriptionLength { get; set; } = 2_000;

    public int MaxBatchLines { get; set; } = Contracts.BatchClassifyRequest.MaxLines;

    public long MaxRequestBytes { get; set; } = 1L << 20;

    public long MaxBatchRequestBytes { get; set; } = 48L << 20;

    /// <summary>Batch requests ranked at once on this silo; more wait (see <see cref="BatchAdmissionWait"/>).</summary>
    public int MaxConcurrentBatches { get; set; } = 2;

    /// <summary>How long a batch waits for its turn before it is refused with 503 and Retry-After.</summary>
    public TimeSpan BatchAdmissionWait { get; set; } = TimeSpan.FromSeconds(5);
}
