using System.Globalization;
using System.Security.Claims;
using HsActors.Contracts;
using HsActors.Silo.Security;

namespace HsActors.Silo.Api;

/// <summary>GET /v1/session: the presented key's name, role and term, so a client can check a key before using it.</summary>
internal static class SessionEndpoints
{
    public static void MapSessionEndpoints(this RouteGroupBuilder v1) =>
        v1.MapGet("/session", (ClaimsPrincipal user) =>
            {
                DateTimeOffset? expiresAt = user.FindFirstValue(ApiKeyAuthenticationHandler.ExpiresAtClaim) is { } text
                    ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                    : null;
                var session = new ApiSession(user.Identity?.Name ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "", expiresAt);
                return TypedResults.Json(session, SiloJsonContext.Default.ApiSession);
            })
            .RequireAuthorization(ApiRoles.ClassifyPolicy)
            .WithName("GetSession")
            .WithSummary("The presented API key's name, role and expiry.")
            .Produces<ApiSession>();
}
