using System.CommandLine;
using HsActors.Classification.Training;

namespace HsActors.Cli;

/// <summary>--router-bayes-weight / --router-bayes-alpha, shared by train and evaluate, so the blend's trials can be rerun.</summary>
public sealed class RouterBlendOptions
{
    public Option<float?> Weight { get; } = new("--router-bayes-weight")
    {
        Description = $"How much the router's naive Bayes second opinion weighs against its LinearSVC, 0 to 1 (0: LinearSVC alone; default {new TrainingOptions().RouterNaiveBayesWeight}).",
    };

    public Option<double?> Alpha { get; } = new("--router-bayes-alpha")
    {
        Description = $"The smoothing of the router's naive Bayes, above 0 (default {new TrainingOptions().RouterNaiveBayesAlpha}).",
    };

    public void AddTo(Command command)
    {
        command.Add(Weight);
        command.Add(Alpha);
    }

    public TrainingOptions Apply(ParseResult parsed, TrainingOptions options)
    {
        var weight = parsed.GetValue(Weight);
        if (weight is { } w && !(w >= 0f && w <= 1f))
        {
            throw new CliUsageException($"--router-bayes-weight must be between 0 and 1, not {w}.");
        }
        var alpha = parsed.GetValue(Alpha);
        if (alpha is { } a && !(a > 0 && double.IsFinite(a)))
        {
            throw new CliUsageException($"--router-bayes-alpha must be a positive number, not {a}.");
        }
        return options with
        {
            RouterNaiveBayesWeight = weight ?? options.RouterNaiveBayesWeight,
            RouterNaiveBayesAlpha = alpha ?? options.RouterNaiveBayesAlpha,
        };
    }
}
