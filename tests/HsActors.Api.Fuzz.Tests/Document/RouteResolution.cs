using System.Text;

namespace HsActors.Api.Fuzz.Tests.Document;

public enum RouteKind
{
    /// <summary>The path reaches <see cref="ResolvedRoute.Operation"/>.</summary>
    Operation,

    /// <summary>The path reaches no operation of the document: the silo answers 404 or 405.</summary>
    NoRoute,

    /// <summary>The path is one Kestrel may refuse or decode in ways this resolver does not mimic (NUL, invalid UTF-8).</summary>
    Unknown,
}

public sealed record ResolvedRoute(RouteKind Kind, ApiOperation? Operation);

/// <summary>
/// Where a path as sent ends up: decoded as Kestrel decodes it (every escape but %2F, which stays within its segment),
/// dot segments removed, then matched against the document's path templates (literal segments before parameters).
/// So <c>/v1/admin/models/%2E</c> is the model list, and its answer is judged as the list's.
/// </summary>
public static class RouteResolution
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ResolvedRoute Resolve(IReadOnlyList<ApiOperation> operations, HttpMethod method, string escapedPath)
    {
        // A NUL is refused by Kestrel itself; an empty segment inside the path is matched by rules not mimicked here.
        if (Decoded(escapedPath) is not { } path || path.Contains('\0', StringComparison.Ordinal) || path.TrimEnd('/').Contains("//", StringComparison.Ordinal))
        {
            return new(RouteKind.Unknown, null);
        }
        var segments = WithoutDotSegments(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var candidates = operations
            .Select(o => (Operation: o, Literals: Matches(o.PathTemplate, segments)))
            .Where(c => c.Literals >= 0)
            .ToList();
        if (candidates.Count == 0)
        {
            return new(RouteKind.NoRoute, null);
        }
        var best = candidates.Max(c => c.Literals);
        var match = candidates.Where(c => c.Literals == best).FirstOrDefault(c => c.Operation.Method == method).Operation;
        return match is null ? new(RouteKind.NoRoute, null) : new(RouteKind.Operation, match);
    }

    private static string? Decoded(string escaped)
    {
        var bytes = new List<byte>(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%' && i + 2 < escaped.Length
                && Uri.IsHexDigit(escaped[i + 1]) && Uri.IsHexDigit(escaped[i + 2])
                && !(escaped[i + 1] == '2' && escaped[i + 2] is 'F' or 'f'))
            {
                bytes.Add(Convert.ToByte(escaped.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(escaped[i].ToString()));
            }
        }
        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static List<string> WithoutDotSegments(IEnumerable<string> segments)
    {
        var kept = new List<string>();
        foreach (var segment in segments)
        {
            if (segment == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }
            }
            else if (segment != ".")
            {
                kept.Add(segment);
            }
        }
        return kept;
    }

    /// <returns>How many literal segments matched, or -1 when the template does not match.</returns>
    private static int Matches(string template, List<string> segments)
    {
        var parts = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != segments.Count)
        {
            return -1;
        }
        var literals = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith('{'))
            {
                continue;
            }
            if (!string.Equals(parts[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }
            literals++;
        }
        return literals;
    }
}
