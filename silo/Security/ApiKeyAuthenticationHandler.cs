using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using HsActors.Silo.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HsActors.Silo.Security;

/// <summary>
/// Authenticates <c>X-Api-Key: key</c> or <c>Authorization: ApiKey key</c>. A missing or unknown key is answered 401,
/// a known key without the endpoint's role 403, both as problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRegistry keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The key's expiry (round-trip format), present only on keys with a term.</summary>
    public const string ExpiresAtClaim = "hsactors:expires-at";

    private const string InvalidKey = "The API key is not valid.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!keys.TryIdentify(presented, out var identity))
        {
            return Task.FromResult(AuthenticateResult.Fail(InvalidKey));
        }
        if (identity.HasExpired(TimeProvider.GetUtcNow()))
        {
            return Task.FromResult(AuthenticateResult.Fail(Expired(identity)));
        }
        List<Claim> claims = [new Claim(ClaimTypes.Name, identity.Name), new Claim(ClaimTypes.Role, identity.Role)];
        if (identity.ExpiresAt is { } expiresAt)
        {
            claims.Add(new Claim(ExpiresAtClaim, expiresAt.ToString("O", CultureInfo.InvariantCulture)));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        // The authentication of this request already said why the key failed (unknown or expired); it runs once per request.
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        var detail = PresentedKey(Request) is null
            ? $"Send an API key in the {HeaderName} header or as 'Authorization: ApiKey <key>'."
            : failure?.Message ?? InvalidKey;
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden",
            $"The API key '{Context.User.Identity?.Name}' has role '{Context.User.FindFirstValue(ClaimTypes.Role)}', which may not call this endpoint.");

    private static string Expired(ApiKeyIdentity identity) =>
        $"The API key '{identity.Name}' expired at {identity.ExpiresAt:O}; ask an administrator for a new one.";

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }
        var authorization = request.Headers.Authorization.ToString();
        const string prefix = SchemeName + " ";
        return authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && authorization.Length > prefix.Length
            ? authorization[prefix.Length..].Trim()
            : null;
    }
}
