namespace HsActors.Text.Steps;

/// <summary>Lower-cases with the invariant culture (returns the same instance when there is nothing upper-case).</summary>
public sealed class LowerCaseStep : ITextStep
{
    public string Name => "lower_case";

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToLowerInvariant();
    }
}
