namespace HsActors.Abstractions.Grains;

/// <param name="Explain">False skips the per-recommendation term explanations (hubs that only want codes, faster).</param>
[GenerateSerializer, Immutable, Alias("hsactors.classify-options")]
public sealed record ClassifyCallOptions([property: Id(0)] bool Explain = true);
