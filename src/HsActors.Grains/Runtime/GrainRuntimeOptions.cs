namespace HsActors.Grains.Runtime;

public sealed record GrainRuntimeOptions
{
    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Default idle time after which an activation is deactivated; a grain type may override it.</summary>
    public TimeSpan DefaultIdleTimeout { get; init; } = TimeSpan.FromMinutes(15);
}
