using HsActors.Text.Buffers;
using HsActors.Text.Lexicons;

namespace HsActors.Text.Steps;

/// <summary>
/// The paper's expand_contractions, extended to customs trade shorthand (Data/Abbreviations.txt): whole words only,
/// case-insensitive; an upper-case word gets an upper-case expansion ("DIFF" -> "DIFFERENT"). Whitespace between
/// words is kept as it is.
/// </summary>
public sealed class AbbreviationStep : ITextStep
{
    public string Name => "expand_contractions";

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> span = text;
        var output = default(PooledCharBuffer);
        var writing = false;
        var copiedUpTo = 0;
        try
        {
            var tokens = new WhitespaceTokenizer(span);
            while (tokens.MoveNext())
            {
                if (!Abbreviations.TryExpand(tokens.Current, out var expansion))
                    continue;
                if (!writing)
                {
                    output = new PooledCharBuffer(text.Length + 32);
                    writing = true;
                }

                output.Append(span[copiedUpTo..tokens.Start]);
                AppendInCaseOf(ref output, expansion, tokens.Current);
                copiedUpTo = tokens.Start + tokens.Current.Length;
            }

            if (!writing)
                return text;
            output.Append(span[copiedUpTo..]);
            return output.ToString();
        }
        finally
        {
            if (writing)
                output.Dispose();
        }
    }

    private static void AppendInCaseOf(ref PooledCharBuffer output, string expansion, ReadOnlySpan<char> original)
    {
        if (original.ContainsAnyInRange('a', 'z'))
        {
            output.Append(expansion);
            return;
        }

        foreach (var c in expansion)
            output.Append(char.ToUpperInvariant(c));
    }
}
