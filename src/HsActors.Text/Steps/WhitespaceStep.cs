using HsActors.Text.Buffers;

namespace HsActors.Text.Steps;

/// <summary>The paper's remove_extra_whitespaces: every whitespace run (tabs, newlines, NBSP) becomes one space; the ends are trimmed.</summary>
public sealed class WhitespaceStep : ITextStep
{
    public string Name => "remove_extra_whitespaces";

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> span = text;
        if (IsCollapsed(span))
            return text;

        var output = new PooledCharBuffer(text.Length);
        try
        {
            var pendingSpace = false;
            foreach (var c in span)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = output.Length > 0;
                    continue;
                }

                if (pendingSpace)
                    output.Append(' ');
                pendingSpace = false;
                output.Append(c);
            }

            return output.ToString();
        }
        finally
        {
            output.Dispose();
        }
    }

    private static bool IsCollapsed(ReadOnlySpan<char> text)
    {
        var previousWasSpace = true; // a leading space is extra
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (c != ' ' || previousWasSpace)
                    return false;
                previousWasSpace = true;
            }
            else
            {
                previousWasSpace = false;
            }
        }

        return !previousWasSpace || text.IsEmpty;
    }
}
