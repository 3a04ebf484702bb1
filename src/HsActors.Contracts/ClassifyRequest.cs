namespace HsActors.Contracts;

/// <summary>One declaration line to classify. Only <see cref="Description"/> is required.</summary>
public sealed record ClassifyRequest
{
    public required string Description { get; init; }

    /// <summary>The caller's own line id, echoed back (batches keep order anyway).</summary>
    public string? Id { get; init; }

    public string? ImporterId { get; init; }

    /// <summary>The code the importer declared (6, 8 or 10 digits, dots allowed); checked against the recommendations.</summary>
    public string? DeclaredCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country of origin.</summary>
    public string? OriginCountry { get; init; }

    public string? AgentId { get; init; }

    /// <summary>How many recommendations to return (1..20, default 5).</summary>
    public int? Top { get; init; }

    /// <summary>
    /// Digits of the recommended codes: 8 (national tariff lines, the default) or 6 (HS subheadings, each at the sum of
    /// its lines' probabilities), for administrations that classify at the international level.
    /// </summary>
    public int? Level { get; init; }

    /// <summary>
    /// <see cref="ClassificationModes"/>: "fast", "cascade" or "full". Null takes the silo's default
    /// (HsActors:Semantic:DefaultMode, "cascade" as shipped).
    /// </summary>
    public string? Mode { get; init; }

    /// <summary>The marketplace category path the listing sits in ("Home &amp; Garden > Kitchen > Mugs"); the sentence encoder reads its last two steps.</summary>
    public string? Category { get; init; }

    /// <summary>The listing's attributes, name to value; the sentence encoder reads those that name a material or a type.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
