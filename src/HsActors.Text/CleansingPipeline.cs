using HsActors.Text.Steps;

namespace HsActors.Text;

/// <summary>
/// Runs the enabled cleansing steps in the paper's order: accented characters, punctuation, irrelevant characters,
/// whitespace, abbreviations, lower case, stemming, stop words. Immutable and safe to share between threads.
/// </summary>
public sealed class CleansingPipeline
{
    private readonly ITextStep[] _steps;

    public CleansingPipeline(CleansingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var steps = new List<ITextStep>(8);
        if (options.RemoveAccentedCharacters) steps.Add(new AccentedCharacterStep());
        if (options.RemovePunctuation) steps.Add(new PunctuationStep());
        if (options.RemoveIrrelevantCharacters) steps.Add(new IrrelevantCharacterStep());
        if (options.CollapseWhitespace) steps.Add(new WhitespaceStep());
        if (options.ExpandAbbreviations) steps.Add(new AbbreviationStep());
        if (options.LowerCase) steps.Add(new LowerCaseStep());
        if (options.Stem) steps.Add(new StemmingStep());
        if (options.RemoveStopWords) steps.Add(new StopWordStep());
        _steps = [.. steps];
        Steps = Array.AsReadOnly(_steps);
    }

    /// <summary>The paper's pipeline with every step enabled.</summary>
    public static CleansingPipeline Default { get; } = new(CleansingOptions.Paper);

    public CleansingOptions Options { get; }

    public IReadOnlyList<ITextStep> Steps { get; }

    /// <summary>Cleans one goods description; with the default options the result is lower-case tokens joined by single spaces ("" when nothing is left).</summary>
    public string Clean(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw;
        foreach (var step in _steps)
            text = step.Apply(text);
        return text;
    }
}
