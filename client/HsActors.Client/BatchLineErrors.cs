using System.Globalization;
using System.Text.RegularExpressions;

namespace HsActors.Client;

/// <summary>
/// A batch request's validation errors name their line as <c>lines[i].field</c> (any case, an optional <c>$.</c>
/// in front). These helpers move such errors between a whole batch and its lines.
/// </summary>
internal static partial class BatchLineErrors
{
    [GeneratedRegex(@"^(?:\$\.)?lines\[(\d+)\]\.?(.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineKey();

    /// <summary>
    /// The errors of a batch exception that belong to single lines, one exception per line with the field names
    /// that a single classify call would have used; empty when no error names a line within <paramref name="lineCount"/>.
    /// </summary>
    public static IReadOnlyDictionary<int, HsActorsApiException> SplitByLine(HsActorsApiException batchError, int lineCount)
    {
        var fieldsByLine = new Dictionary<int, Dictionary<string, IReadOnlyList<string>>>();
        foreach (var (key, messages) in batchError.Errors)
        {
            var match = LineKey().Match(key);
            if (!match.Success
                || !int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var line)
                || line >= lineCount)
            {
                continue;
            }

            if (!fieldsByLine.TryGetValue(line, out var fields))
            {
                fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
                fieldsByLine.Add(line, fields);
            }

            var field = match.Groups[2].Value;
            fields[field.Length == 0 ? "line" : field] = messages;
        }

        return fieldsByLine.ToDictionary(
            pair => pair.Key,
            pair => new HsActorsApiException(
                batchError.StatusCode, batchError.Request, batchError.Title, batchError.Detail, pair.Value, batchError.RetryAfter, batchError.ProblemType));
    }

    /// <summary>
    /// The same exception with every <c>lines[i]</c> key moved to <c>lines[i + offset]</c>, so that errors of one
    /// chunk of a split batch name the caller's own indices.
    /// </summary>
    public static HsActorsApiException Rebase(HsActorsApiException chunkError, int offset)
    {
        if (offset == 0 || chunkError.Errors.Count == 0)
        {
            return chunkError;
        }

        var rebased = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, messages) in chunkError.Errors)
        {
            var match = LineKey().Match(key);
            if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var line))
            {
                var field = match.Groups[2].Value;
                rebased[string.Create(CultureInfo.InvariantCulture, $"lines[{line + offset}]{(field.Length == 0 ? "" : ".")}{field}")] = messages;
            }
            else
            {
                rebased[key] = messages;
            }
        }

        return new HsActorsApiException(
            chunkError.StatusCode, chunkError.Request, chunkError.Title, chunkError.Detail, rebased, chunkError.RetryAfter, chunkError.ProblemType);
    }
}
