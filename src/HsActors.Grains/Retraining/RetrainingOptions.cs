namespace HsActors.Grains.Retraining;

/// <summary>The <c>HsActors:Retraining</c> settings: when a chapter is retrained from officers' assessments and what is promoted.</summary>
public sealed record RetrainingOptions
{
    /// <summary>Retrain a chapter once this many new assessments touch it …</summary>
    public int MinAssessments { get; init; } = 20;

    /// <summary>… or once its oldest unused assessment is this old.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Training weight of an officer's assessment relative to a bundled row (officers are ground truth).</summary>
    public float OfficerWeight { get; init; } = 5f;

    /// <summary>Promote a candidate that does not regress, unless the chapter is pinned; false leaves every candidate to an administrator.</summary>
    public bool AutoPromote { get; init; } = true;

    /// <summary>Officers whose assessments since the active version a candidate needs before it is promoted automatically.</summary>
    public int MinOfficersToAutoPromote { get; init; } = 2;

    /// <summary>Distinct rows one officer adds to a key's training at most (the latest); identical rows count once.</summary>
    public int MaxRowsPerOfficer { get; init; } = 50;

    /// <summary>How far (absolute, 0..1) a candidate's figure may fall below the active version's and still count as no regression.</summary>
    public double Tolerance { get; init; } = 0.02;

    /// <summary>Share of a chapter's bundled rows kept out of the evaluation twin's training, to measure it on unseen rows.</summary>
    public double EvaluationShare { get; init; } = 0.1;

    /// <summary>The newest assessments of the chapter the candidate and the active version are both scored on.</summary>
    public int RecentAssessments { get; init; } = 200;

    /// <summary>Retrain the router once this many assessments moved a line to another chapter (or after <see cref="MaxDelay"/>).</summary>
    public int RouterMinAssessments { get; init; } = 50;

    /// <summary>Retrainings running at once over all chapters (each chapter runs at most one at a time).</summary>
    public int MaxConcurrentRetrains { get; init; } = 1;

    /// <summary>Threads one LinearSVC training may use; 1 leaves the other cores to classification.</summary>
    public int TrainingThreads { get; init; } = 1;

    /// <summary>How often due chapters are looked for.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(1);
}
