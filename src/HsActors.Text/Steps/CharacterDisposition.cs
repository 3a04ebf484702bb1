namespace HsActors.Text.Steps;

/// <summary>What a removal step does with one character.</summary>
internal enum CharacterDisposition
{
    Keep,
    Whitespace,

    /// <summary>Removed, and it separated words: "T-EAGLE" -> "T EAGLE".</summary>
    RemoveAsSeparator,

    /// <summary>Removed without separating: the digits of "2X28" -> "X", the apostrophe of "MEN'S" -> "MENS".</summary>
    RemoveGlued,
}

/// <summary>Classifies one character in context (static abstract so the rewriter loop is specialised, not a delegate call).</summary>
internal interface ICharacterClassifier
{
    static abstract CharacterDisposition Classify(ReadOnlySpan<char> text, int index);
}
