using Microsoft.AspNetCore.Http.Features;

namespace HsActors.Silo.Api;

/// <summary>
/// The importer id of <c>/v1/importers/{id}/…</c> as the client wrote it. Kestrel decodes every escape in a path except
/// <c>%2F</c>, so an id holding a '/' (accepted in assessments and declarations) would arrive as "a%2Fb", and a literal
/// "a%2Fb" (sent as "a%252Fb") would look the same. The raw request target tells them apart: its segment is unescaped
/// exactly once.
/// </summary>
internal static class ImporterIdSegment
{
    private const int Index = 3; // "", "v1", "importers", id, …

    public static string? Read(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }
        var path = raw.AsSpan();
        if (path.IndexOfAny('?', '#') is var end and >= 0)
        {
            path = path[..end];
        }
        var segments = path.ToString().Split('/');
        return segments.Length > Index ? Uri.UnescapeDataString(segments[Index]) : null;
    }
}
