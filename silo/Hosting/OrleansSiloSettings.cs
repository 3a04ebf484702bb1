namespace HsActors.Silo.Hosting;

/// <summary>
/// The <c>HsActors:Orleans</c> settings. Embedded default: one silo on loopback with Orleans' localhost clustering.
/// A port of 0 takes a free one (tests run many silos in one process).
/// </summary>
public sealed class OrleansSiloSettings
{
    public const string Section = "HsActors:Orleans";

    public string ServiceId { get; set; } = "hsactors";

    public string ClusterId { get; set; } = "hsactors-local";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway; 0 = none (clients use the HTTP API).</summary>
    public int GatewayPort { get; set; }

    /// <summary>How long an idle chapter retrainer or importer activation stays in memory.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(10);
}
