namespace HsActors.Abstractions.Blobs;

/// <summary>
/// The one naming rule every store enforces, so a name valid in the embedded file store stays valid in Azure and back:
/// '/'-separated non-empty segments, none of them "." or "..", no backslash or control character, at most 1024 characters.
/// </summary>
public static class BlobNames
{
    public const int MaxLength = 1024;

    public static void Validate(string name, string paramName = "name")
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Length == 0)
        {
            throw new ArgumentException("Blob name is empty.", paramName);
        }

        if (name.Length > MaxLength)
        {
            throw new ArgumentException($"Blob name is {name.Length} characters long; at most {MaxLength} are allowed.", paramName);
        }

        if (name[0] == '/')
        {
            throw new ArgumentException($"Blob name '{name}' is absolute; names are relative ('models/84/v1').", paramName);
        }

        ValidateCharacters(name, paramName);
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0)
            {
                throw new ArgumentException($"Blob name '{name}' has an empty segment (leading, trailing or doubled '/').", paramName);
            }

            if (segment is "." or "..")
            {
                throw new ArgumentException($"Blob name '{name}' has a '{segment}' segment; relative path segments are not allowed.", paramName);
            }
        }
    }

    /// <summary>A list prefix may be empty or end in the middle of a segment, but obeys the same character rules.</summary>
    public static void ValidatePrefix(string prefix, string paramName = "prefix")
    {
        ArgumentNullException.ThrowIfNull(prefix, paramName);
        if (prefix.Length > MaxLength)
        {
            throw new ArgumentException($"Prefix is {prefix.Length} characters long; at most {MaxLength} are allowed.", paramName);
        }

        if (prefix.StartsWith('/'))
        {
            throw new ArgumentException($"Prefix '{prefix}' is absolute; names are relative.", paramName);
        }

        ValidateCharacters(prefix, paramName);
    }

    private static void ValidateCharacters(string value, string paramName)
    {
        foreach (var c in value)
        {
            if (c == '\\')
            {
                throw new ArgumentException($"'{value}' contains a backslash; use '/' to separate segments.", paramName);
            }

            if (char.IsControl(c))
            {
                throw new ArgumentException($"'{value}' contains control character U+{(int)c:X4}.", paramName);
            }
        }
    }
}
