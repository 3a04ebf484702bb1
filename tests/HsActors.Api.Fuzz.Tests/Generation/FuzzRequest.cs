using System.Text;
using HsActors.Api.Fuzz.Tests.Document;

namespace HsActors.Api.Fuzz.Tests.Generation;

/// <summary>One generated request: the operation it aims at, who sends it, and exactly what goes on the wire.</summary>
/// <param name="Operation">The operation the request was generated for.</param>
/// <param name="Route">Where its path actually leads (a path trick may lead to another operation, or to none).</param>
/// <param name="Target">The path and query as sent: escaped, never normalised by the client.</param>
public sealed record FuzzRequest(ApiOperation Operation, ResolvedRoute Route, FuzzRole Role, string Target, string? IfMatch, FuzzBody Body)
{
    private const int ShownBodyCharacters = 400;

    public HttpRequestMessage ToMessage(Uri baseAddress)
    {
        // Without canonicalisation the client sends "..", "%2e" and "%2F" as written, as an attacker's client would.
        var uri = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + Target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(Operation.Method, uri);
        if (Role.Key is { } key)
        {
            message.Headers.Add("X-Api-Key", key);
        }
        if (IfMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        }
        if (Body.Content is { } content)
        {
            message.Content = new ByteArrayContent(content);
            if (Body.ContentType is { } type)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }
        return message;
    }

    /// <summary>The text of everything the request carried, to tell what the silo echoes from what it leaks.</summary>
    public string SentText => Uri.UnescapeDataString(Target) + " " + Target + " " + IfMatch + " " + (Body.Content is { } bytes ? Encoding.UTF8.GetString(bytes) : "");

    public override string ToString()
    {
        var body = Body.Content is { } bytes ? Encoding.UTF8.GetString(bytes) : "(no body)";
        if (body.Length > ShownBodyCharacters)
        {
            body = body[..ShownBodyCharacters] + $"… ({Body.Content!.Length:N0} bytes)";
        }
        var target = Target.Length > ShownBodyCharacters ? Target[..ShownBodyCharacters] + $"… ({Target.Length:N0} characters)" : Target;
        var reaches = Route.Operation == Operation ? "" : $" [reaches {Route.Operation?.ToString() ?? Route.Kind.ToString()}]";
        return $"{Operation.Method} {target}{reaches} as {Role} ({Body.Kind}{(IfMatch is null ? "" : $", If-Match: {IfMatch}")}{(Body.ContentType is { } t ? $", {t}" : "")}): {body}";
    }
}
