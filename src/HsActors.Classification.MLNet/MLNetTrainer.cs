namespace HsActors.Classification.MLNet;

/// <summary>The ML.NET multiclass trainers measured beside our LinearSVC: both are maximum-entropy (softmax) models.</summary>
public enum MLNetTrainer
{
    /// <summary>Stochastic dual coordinate ascent: ML.NET's fast default for sparse text.</summary>
    SdcaMaximumEntropy,

    /// <summary>L-BFGS on the same objective family: slower, usually a little more accurate.</summary>
    LbfgsMaximumEntropy,
}
