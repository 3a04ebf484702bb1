using HsActors.Classification.Semantic.Fusion;
using HsActors.Contracts;

namespace HsActors.Silo.Hosting;

/// <summary>The semantic stage's settings (<c>HsActors:Semantic</c>).</summary>
public sealed class SemanticSettings
{
    public const string Section = "HsActors:Semantic";

    /// <summary>False: no encoder is loaded and every line is answered "fast", whatever it asks.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The mode of a line that names none: "fast", "cascade" or "full".</summary>
    public string DefaultMode { get; set; } = ClassificationModes.Cascade;

    /// <summary>An index file (<c>semantic.hsm</c>, as <c>hs evaluate --semantic</c> writes it) to publish when the registry has none.</summary>
    public string? IndexFile { get; set; }

    /// <summary>
    /// When neither the registry, <see cref="IndexFile"/> nor the model directory has an index, encode the bundled corpus
    /// once in the background (minutes, on one core; lines are answered "fast" until it is done) and publish it.
    /// </summary>
    public bool BuildWhenMissing { get; set; } = true;

    /// <summary>See <see cref="FusionOptions.CascadeThreshold"/>.</summary>
    public float CascadeThreshold { get; set; } = new FusionOptions().CascadeThreshold;

    /// <summary>Encoder inputs whose embeddings are kept (hubs send the same goods again and again).</summary>
    public int CacheCapacity { get; set; } = 100_000;

    /// <summary>
    /// Lines in the encoder at once (0: no limit). A cascade line that finds every slot taken keeps the hierarchy's
    /// answer at once (its response says <c>encoderBusy</c>); full-mode lines are always encoded. One fewer than the
    /// cores leaves one to HTTP and the hierarchy.
    /// </summary>
    public int MaxConcurrentEncodes { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>ONNX Runtime threads per encoding; 1 leaves the other cores to the hierarchy and HTTP.</summary>
    public int EncoderThreads { get; set; } = 1;
}
