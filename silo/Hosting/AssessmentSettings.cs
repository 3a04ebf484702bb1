namespace HsActors.Silo.Hosting;

/// <summary><c>HsActors:Assessments</c>.</summary>
public sealed class AssessmentSettings
{
    /// <summary>
    /// True: an assessment that names an importer overrides the model for that importer's lines only; assessments
    /// without importer override for everyone. False: every override applies to every importer.
    /// </summary>
    public bool OverridesPerImporter { get; set; } = true;

    /// <summary>How far in the future an assessment's time may lie (clocks of other systems drift).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
