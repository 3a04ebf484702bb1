namespace HsActors.Classification.Evaluation;

/// <summary>One confidence bin of a reliability diagram: well calibrated when Accuracy ≈ MeanConfidence.</summary>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);
