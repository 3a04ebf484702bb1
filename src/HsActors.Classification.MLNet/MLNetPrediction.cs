namespace HsActors.Classification.MLNet;

/// <summary>The trainer's output column: one probability per class, in the order of the label key's values.</summary>
internal sealed class MLNetPrediction
{
    public float[] Score { get; set; } = [];
}
