namespace HsActors.Grains.Retraining;

/// <summary>Training-summary keys the retrainers write into a candidate's manifest and read back after a restart.</summary>
public static class RetrainingSummary
{
    /// <summary>The stream offset below which every assessment of the key was included: the restart point.</summary>
    public const string AssessmentsThrough = "assessmentsThrough";

    /// <summary>Names the rule that split evaluation rows off, so only versions held out the same way are compared directly.</summary>
    public const string EvaluationSplit = "evaluationSplit";

    public const string CreatedBy = "retrainer";
}
