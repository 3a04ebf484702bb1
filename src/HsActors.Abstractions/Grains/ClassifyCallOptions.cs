namespace HsActors.Abstractions.Grains;

/// <param name="Explain">False skips the per-recommendation term explanations (hubs that only want codes, faster).</param>
public sealed record ClassifyCallOptions(bool Explain = true);
