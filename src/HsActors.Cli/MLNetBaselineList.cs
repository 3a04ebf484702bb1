using HsActors.Classification.MLNet;

namespace HsActors.Cli;

/// <summary>
/// The <c>--mlnet</c> list of <c>hs evaluate</c>: trainer:level pairs such as <c>sdca:2,lbfgs:2</c>, or <c>none</c>.
/// A flat 6-digit ML.NET model (5,600 classes) is allowed but takes hours here; the default keeps to the router's role.
/// </summary>
public static class MLNetBaselineList
{
    /// <summary>What <c>--compare</c> runs when <c>--mlnet</c> is not given: both trainers as chapter classifiers.</summary>
    public const string Default = "sdca:2,lbfgs:2";

    public static IReadOnlyList<MLNetTextBaseline> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var baselines = new List<MLNetTextBaseline>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':', StringSplitOptions.TrimEntries);
            var trainer = parts[0].ToLowerInvariant() switch
            {
                "sdca" => MLNetTrainer.SdcaMaximumEntropy,
                "lbfgs" => MLNetTrainer.LbfgsMaximumEntropy,
                _ => throw new CliUsageException($"--mlnet: unknown trainer '{parts[0]}' in '{item}'; use sdca or lbfgs, e.g. {Default}."),
            };
            if (parts.Length != 2 || parts[1] is not ("2" or "4" or "6"))
            {
                throw new CliUsageException($"--mlnet: '{item}' needs a level of 2, 4 or 6 digits after the colon, e.g. {Default}.");
            }

            baselines.Add(new MLNetTextBaseline(trainer, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return baselines.Count > 0 ? baselines : throw new CliUsageException($"--mlnet needs trainer:level pairs (e.g. {Default}) or none.");
    }
}
