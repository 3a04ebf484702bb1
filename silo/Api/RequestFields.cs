using System.Globalization;

namespace HsActors.Silo.Api;

/// <summary>Field checks shared by the request validators; each adds its message under the field's JSON name.</summary>
internal static class RequestFields
{
    public const int MaxIdLength = 128;

    /// <summary>The last segment of a field path, as messages name it: <c>lines[3].importerId</c> → importerId.</summary>
    public static string NameOf(string field) => field[(field.LastIndexOf('.') + 1)..];

    public static void Description(string? value, string field, int maxLength, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"{NameOf(field)} is required and must not be empty or whitespace."];
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture,
                $"{NameOf(field)} has {value.Length:N0} characters; at most {maxLength:N0} are accepted.")];
        }
    }

    /// <summary>
    /// A description a model can read holds at least one letter or digit. Only punctuation, symbols, emoji or control
    /// characters cleanse to nothing, and any ranking of nothing would look confident and mean nothing.
    /// </summary>
    public static bool HasReadableWord(string description) => description.Any(char.IsLetterOrDigit);

    public const string NoReadableWord = "description holds no letter or digit (only punctuation, symbols, emoji or control characters): there is nothing to classify.";

    /// <summary>Ids become log keys and file content: non-blank, bounded, printable. Null passes unless <paramref name="required"/>.</summary>
    public static void Identifier(string? value, string field, Dictionary<string, string[]> errors, bool required = false)
    {
        if (value is null)
        {
            if (required)
            {
                errors[field] = [$"{NameOf(field)} is required: 1 to {MaxIdLength} printable characters."];
            }
            return;
        }
        if (!IsPrintableIdentifier(value))
        {
            errors[field] = [$"{NameOf(field)} must be 1 to {MaxIdLength} printable characters (no control or format characters such as U+202E)."];
        }
    }

    /// <summary>
    /// Non-blank, bounded, and free of what can disguise an id on a screen or in a log: control characters, format
    /// characters (bidirectional overrides, zero-width joiners), line and paragraph separators, and lone surrogates.
    /// </summary>
    public static bool IsPrintableIdentifier(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength)
        {
            return false;
        }
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogatePair(value, i))
            {
                i++;
                continue;
            }
            if (char.GetUnicodeCategory(value[i]) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
            {
                return false;
            }
        }
        return true;
    }

    /// <returns>The upper-case code, or null (with an error when a value was given but is not one).</returns>
    public static string? OriginCountry(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }
        var trimmed = value.Trim();
        if (trimmed.Length != 2 || !trimmed.All(char.IsAsciiLetter))
        {
            errors[field] = [$"{NameOf(field)} must be an ISO 3166-1 alpha-2 code such as \"CN\"."];
            return null;
        }
        return trimmed.ToUpperInvariant();
    }
}
