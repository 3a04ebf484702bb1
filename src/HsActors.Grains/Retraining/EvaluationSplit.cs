using System.Globalization;
using StableHash = HsActors.Classification.Training.StableHash;

namespace HsActors.Grains.Retraining;

/// <summary>
/// A deterministic share of a chapter's bundled rows, chosen by a salted stable hash of the cleansed text (salted so it
/// is not the calibration hold-out, which the final models train on). The evaluation twin never trains on these rows.
/// </summary>
public sealed class EvaluationSplit(double share)
{
    private const string Salt = "evaluation|";
    private readonly uint _cut = (uint)(Math.Clamp(share, 0, 1) * uint.MaxValue);

    public string Id { get; } = string.Create(CultureInfo.InvariantCulture, $"stable-hash-{share:0.###}");

    public bool IsEvaluation(string cleaned) => _cut > 0 && StableHash.Of(Salt + cleaned) < _cut;
}
