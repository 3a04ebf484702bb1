using System.Globalization;
using System.Text;

namespace HsActors.Text;

/// <summary>
/// Free text from outside (a request path, an id, a reason, a row of a user's file) as it may be written to a log or
/// a terminal: control and format characters (ESC sequences, bidirectional overrides, zero-width joiners, line
/// separators) and lone surrogates become visible <c>\uXXXX</c> escapes, a backslash doubles so an escape typed by
/// the sender cannot pass for one, and the text is cut at a length a log line can carry. The text itself is stored
/// as it came; only what is written for people to read goes through here.
/// </summary>
public static class LogText
{
    public const int DefaultMaxLength = 512;

    public static string Escape(string? text, int maxLength = DefaultMaxLength)
    {
        if (text is null)
        {
            return "";
        }
        if (text.Length <= maxLength && !NeedsEscape(text))
        {
            return text;
        }
        var shown = new StringBuilder(Math.Min(text.Length, maxLength) + 16);
        var i = 0;
        for (; i < text.Length && shown.Length < maxLength; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                shown.Append(text, i, 2);
                i++;
            }
            else if (IsHidden(text[i]))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}");
            }
            else
            {
                shown.Append(text[i] == '\\' ? "\\\\" : text[i]);
            }
        }
        return i < text.Length ? shown.Append(CultureInfo.InvariantCulture, $"… ({text.Length - i:N0} more characters)").ToString() : shown.ToString();
    }

    private static bool NeedsEscape(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                i++;
            }
            else if (text[i] == '\\' || IsHidden(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Characters that act on a screen instead of showing, or are no text at all (a surrogate without its pair).</summary>
    private static bool IsHidden(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
