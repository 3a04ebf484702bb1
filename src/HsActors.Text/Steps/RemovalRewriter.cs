using HsActors.Text.Buffers;

namespace HsActors.Text.Steps;

/// <summary>
/// Shared rewriting of the punctuation and irrelevant-character steps. A maximal run of whitespace and removed
/// characters that contains at least one removed character becomes a single space when it separates words, and
/// nothing at either end of the text; runs of whitespace alone are left for the whitespace step. That is what makes
/// "KD: BAIK / BARU" come out as "KD BAIK BARU" (the paper's Figure 2) rather than with doubled spaces.
/// </summary>
internal static class RemovalRewriter
{
    public static string Rewrite<TClassifier>(string text)
        where TClassifier : ICharacterClassifier
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> span = text;
        var firstRemoval = IndexOfRemoval<TClassifier>(span);
        if (firstRemoval < 0)
            return text;

        var runStart = firstRemoval;
        while (runStart > 0 && char.IsWhiteSpace(span[runStart - 1]))
            runStart--;

        var output = new PooledCharBuffer(text.Length);
        try
        {
            output.Append(span[..runStart]);
            var i = runStart;
            while (i < span.Length)
            {
                var disposition = TClassifier.Classify(span, i);
                if (disposition == CharacterDisposition.Keep)
                {
                    output.Append(span[i++]);
                    continue;
                }

                var start = i;
                var removed = false;
                var separates = false;
                while (i < span.Length && (disposition = TClassifier.Classify(span, i)) != CharacterDisposition.Keep)
                {
                    removed |= disposition is CharacterDisposition.RemoveAsSeparator or CharacterDisposition.RemoveGlued;
                    separates |= disposition is CharacterDisposition.RemoveAsSeparator or CharacterDisposition.Whitespace;
                    i++;
                }

                if (!removed)
                    output.Append(span[start..i]);
                else if (separates && output.Length > 0 && i < span.Length)
                    output.Append(' ');
            }

            return output.ToString();
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>An apostrophe inside a word (MEN'S, DON'T) joins rather than separates.</summary>
    public static bool IsApostropheInsideWord(ReadOnlySpan<char> text, int index) =>
        text[index] == '\'' && index > 0 && index + 1 < text.Length && char.IsLetter(text[index - 1]) && char.IsLetter(text[index + 1]);

    public static bool IsCombiningMark(char c) =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark
            or System.Globalization.UnicodeCategory.EnclosingMark;

    private static int IndexOfRemoval<TClassifier>(ReadOnlySpan<char> text)
        where TClassifier : ICharacterClassifier
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (TClassifier.Classify(text, i) is CharacterDisposition.RemoveAsSeparator or CharacterDisposition.RemoveGlued)
                return i;
        }

        return -1;
    }
}
