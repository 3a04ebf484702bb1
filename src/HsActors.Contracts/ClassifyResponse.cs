namespace HsActors.Contracts;

public sealed record ClassifyResponse
{
    public string? Id { get; init; }

    public required IReadOnlyList<Recommendation> Recommendations { get; init; }

    /// <summary>The router's most probable chapters, best first.</summary>
    public required IReadOnlyList<ChapterProbability> Chapters { get; init; }

    /// <summary>Model version of every model that answered: "router" and each chapter consulted ("84", …).</summary>
    public required IReadOnlyDictionary<string, string> ModelVersions { get; init; }

    public DeclaredCodeCheck? DeclaredCodeCheck { get; init; }

    public ImporterSummary? Importer { get; init; }

    /// <summary>True when an officer's earlier assessment of the same goods decided the first recommendation.</summary>
    public bool FromOfficerAssessment { get; init; }

    /// <summary>
    /// The mode that answered (<see cref="ClassificationModes"/>): "fast" whenever the semantic stage is not loaded on
    /// the silo, whatever the request asked for.
    /// </summary>
    public string? Mode { get; init; }

    /// <summary>True when the sentence encoder's nearest rows were fused into the ranking.</summary>
    public bool EncoderConsulted { get; init; }

    /// <summary>
    /// True when the cascade would have consulted the encoder but the silo's encoder slots were all busy, so the
    /// hierarchy's answer stands: under load the silo answers at once rather than queue lines behind the encoder.
    /// </summary>
    public bool EncoderBusy { get; init; }

    /// <summary>Set, with no recommendations, on a batch line the silo could not classify, and why.</summary>
    public string? Error { get; init; }
}
