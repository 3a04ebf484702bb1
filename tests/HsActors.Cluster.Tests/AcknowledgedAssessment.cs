namespace HsActors.Cluster.Tests;

/// <summary>An assessment a silo answered 200/202 for: from then on the cluster must neither lose nor double it.</summary>
/// <param name="Attempts">1 when the first silo asked acknowledged it; more when earlier attempts failed or got no answer.</param>
public sealed record AcknowledgedAssessment(string AssessmentId, long Offset, int Attempts, int Silo);
