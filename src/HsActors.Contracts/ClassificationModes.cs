namespace HsActors.Contracts;

/// <summary>
/// The values of <see cref="ClassifyRequest.Mode"/> and <see cref="ClassifyResponse.Mode"/>: which stages rank a line.
/// </summary>
public static class ClassificationModes
{
    /// <summary>The hierarchy of LinearSVC models alone: tens of microseconds a line.</summary>
    public const string Fast = "fast";

    /// <summary>The sentence encoder only where the hierarchy is unsure of its first code; milliseconds for those lines.</summary>
    public const string Cascade = "cascade";

    /// <summary>Every line through the sentence encoder, its nearest index rows fused with the hierarchy.</summary>
    public const string Full = "full";

    public static IReadOnlyList<string> All { get; } = [Fast, Cascade, Full];

    public static bool IsKnown(string? mode) => mode is Fast or Cascade or Full;
}
