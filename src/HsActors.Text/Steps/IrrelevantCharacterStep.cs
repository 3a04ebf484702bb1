namespace HsActors.Text.Steps;

/// <summary>
/// The paper's remove_irr_char: keeps letters only. Digits vanish without splitting the word they sit in
/// ("2X28" -> "X", "3708263" -> gone), any other non-letter separates words like punctuation does.
/// </summary>
public sealed class IrrelevantCharacterStep : ITextStep
{
    public string Name => "remove_irr_char";

    public string Apply(string text) => RemovalRewriter.Rewrite<IrrelevantCharacterClassifier>(text);

    private readonly struct IrrelevantCharacterClassifier : ICharacterClassifier
    {
        public static CharacterDisposition Classify(ReadOnlySpan<char> text, int index)
        {
            var c = text[index];
            if (char.IsLetter(c))
                return CharacterDisposition.Keep;
            if (char.IsWhiteSpace(c))
                return CharacterDisposition.Whitespace;
            if (char.IsDigit(c) || char.IsNumber(c) || RemovalRewriter.IsApostropheInsideWord(text, index))
                return CharacterDisposition.RemoveGlued;
            if (c > '\x7F' && RemovalRewriter.IsCombiningMark(c))
                return CharacterDisposition.Keep;
            return CharacterDisposition.RemoveAsSeparator;
        }
    }
}
