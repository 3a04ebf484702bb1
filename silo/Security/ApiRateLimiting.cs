using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using HsActors.Silo.Api;
using HsActors.Silo.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace HsActors.Silo.Security;

/// <summary>
/// A token bucket per API key (partitioned by key name), sized by the key's role; anonymous requests (health, metrics,
/// or ones about to be refused 401) are not limited. Refusals are 429 problems with Retry-After.
/// </summary>
internal static class ApiRateLimiting
{
    public static readonly IReadOnlyDictionary<string, RateLimitOptions> Defaults = new Dictionary<string, RateLimitOptions>(StringComparer.OrdinalIgnoreCase)
    {
        [ApiRoles.Hub] = new() { PermitsPerSecond = 2_000, Burst = 4_000 },
        [ApiRoles.Officer] = new() { PermitsPerSecond = 50, Burst = 100 },
        [ApiRoles.Admin] = new() { PermitsPerSecond = 2_000, Burst = 4_000 },
    };

    public static void Configure(RateLimiterOptions limiter, SiloOptions options)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (context.User.Identity is not { IsAuthenticated: true, Name: { } name })
            {
                return RateLimitPartition.GetNoLimiter("");
            }
            var role = context.User.FindFirstValue(ClaimTypes.Role) ?? "";
            var limits = options.RateLimits.GetValueOrDefault(role) ?? Defaults.GetValueOrDefault(role) ?? new RateLimitOptions();
            return RateLimitPartition.GetTokenBucketLimiter(name, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, limits.Burst > 0 ? limits.Burst : limits.PermitsPerSecond),
                TokensPerPeriod = Math.Max(1, limits.PermitsPerSecond),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                : 1;
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                $"The API key '{context.HttpContext.User.Identity?.Name}' is over its rate limit; retry after {seconds} s.");
        };
    }
}
