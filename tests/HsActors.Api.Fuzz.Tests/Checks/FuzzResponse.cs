namespace HsActors.Api.Fuzz.Tests.Checks;

/// <summary>What came back: status, media type (without parameters), the body as text, and whether the connection was closed.</summary>
public sealed record FuzzResponse(int Status, string? MediaType, string Body, bool ClosesConnection)
{
    /// <summary>
    /// Kestrel's own refusal of a request it cannot parse (a NUL in the decoded path, a request line over its limit):
    /// written before any middleware runs, bare and closing the connection, so no part of the silo can shape it.
    /// </summary>
    public bool IsServerRejection => Status is 400 or 414 or 431 && Body.Length == 0 && MediaType is null && ClosesConnection;
}

/// <summary>A rule a response broke, with what it was about.</summary>
public sealed record Violation(string Rule, string Detail);
