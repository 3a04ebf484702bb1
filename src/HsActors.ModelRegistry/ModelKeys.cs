namespace HsActors.ModelRegistry;

/// <summary>
/// Chapter keys and version ids become blob name segments; restricting them to letters, digits, '-' and '_' keeps
/// <c>{version}</c> and <c>{version}.manifest.json</c> apart and makes every key valid in both stores.
/// </summary>
public static class ModelKeys
{
    public const string RouterChapter = "router";
    public const int MaxChapterLength = 64;
    public const int MaxVersionLength = 100;

    public static void ValidateChapter(string chapter, string paramName = "chapter") => Validate(chapter, "Chapter key", MaxChapterLength, paramName);

    public static void ValidateVersion(string version, string paramName = "version") => Validate(version, "Version id", MaxVersionLength, paramName);

    public static bool IsValid(string? key, int maxLength)
    {
        if (string.IsNullOrEmpty(key) || key.Length > maxLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static void Validate(string? key, string what, int maxLength, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (!IsValid(key, maxLength))
        {
            throw new ArgumentException(
                $"{what} '{key}' is invalid: use 1..{maxLength} ASCII letters, digits, '-' or '_' (e.g. \"84\", \"{RouterChapter}\").",
                paramName);
        }
    }
}
