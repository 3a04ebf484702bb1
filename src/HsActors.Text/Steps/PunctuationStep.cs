namespace HsActors.Text.Steps;

/// <summary>
/// The paper's remove_punctuation: every character that is neither a letter, a digit nor whitespace separates words
/// ("T-EAGLE" -> "T EAGLE", "KD: BAIK / BARU" -> "KD BAIK BARU"); an apostrophe inside a word joins it ("MEN'S" -> "MENS").
/// </summary>
public sealed class PunctuationStep : ITextStep
{
    public string Name => "remove_punctuation";

    public string Apply(string text) => RemovalRewriter.Rewrite<PunctuationClassifier>(text);

    private readonly struct PunctuationClassifier : ICharacterClassifier
    {
        public static CharacterDisposition Classify(ReadOnlySpan<char> text, int index)
        {
            var c = text[index];
            if (char.IsLetterOrDigit(c))
                return CharacterDisposition.Keep;
            if (char.IsWhiteSpace(c))
                return CharacterDisposition.Whitespace;
            if (RemovalRewriter.IsApostropheInsideWord(text, index))
                return CharacterDisposition.RemoveGlued;
            // Left for the accented-character step when it is off: diacritics and halves of astral characters.
            if (char.IsSurrogate(c) || (c > '\x7F' && RemovalRewriter.IsCombiningMark(c)))
                return CharacterDisposition.Keep;
            return CharacterDisposition.RemoveAsSeparator;
        }
    }
}
