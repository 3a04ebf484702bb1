using HsActors.Text.Buffers;
using HsActors.Text.Lexicons;

namespace HsActors.Text.Steps;

/// <summary>
/// The paper's remove_accented_chars: accented letters are folded to ASCII (é -> e, ß -> ss, fullwidth Ａ -> A),
/// non-ASCII whitespace becomes a space, typographic dashes and quotes become their ASCII forms, and everything else
/// non-ASCII (garbled bytes such as the ¿ of "PVC¿APRON", symbols, other scripts, emoji) is dropped.
/// </summary>
public sealed class AccentedCharacterStep : ITextStep
{
    public string Name => "remove_accented_chars";

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> span = text;
        var firstNonAscii = span.IndexOfAnyExceptInRange('\0', '\x7F');
        if (firstNonAscii < 0)
            return text;

        var output = new PooledCharBuffer(text.Length + 8);
        try
        {
            output.Append(span[..firstNonAscii]);
            for (var i = firstNonAscii; i < span.Length; i++)
            {
                var c = span[i];
                if (c <= '\x7F')
                    output.Append(c);
                else if (char.IsWhiteSpace(c))
                    output.Append(' ');
                else if (AsciiFolding.TryFold(c, out var ascii))
                    output.Append(ascii);
            }

            return output.ToString();
        }
        finally
        {
            output.Dispose();
        }
    }
}
