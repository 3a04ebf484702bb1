using System.Globalization;

namespace HsActors.Silo.Api;

/// <summary>
/// The Orleans Dashboard's per-silo routes (<c>SiloProperties/{address}</c>, <c>HistoricalStats/{path}</c>, …) take
/// a silo address such as <c>127.0.0.1:11111@123456789</c>. The dashboard parses it inside a grain activation, so
/// anything else failed as a 500 with a stack trace in the log; this answers it as the 400 problem it is.
/// </summary>
internal sealed class DashboardSiloAddressFilter : IEndpointFilter
{
    private const string Field = "address";

    private static readonly string[] SiloRoutes = ["SiloProperties", "SiloMetadata", "SiloStats", "SiloCounters", "HistoricalStats"];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (SiloAddressOf(context.HttpContext.Request) is { } address && !SiloAddress.TryParse(address, CultureInfo.InvariantCulture, out _))
        {
            return ValueTask.FromResult<object?>(Problems.Validation(new Dictionary<string, string[]>
            {
                [Field] = ["address must be a silo address as the dashboard lists it: host:port@generation (127.0.0.1:11111@123456789)."],
            }));
        }
        return next(context);
    }

    /// <summary>The last segment of a per-silo route, or null for the dashboard's other routes.</summary>
    private static string? SiloAddressOf(HttpRequest request)
    {
        var segments = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments.Length >= 2 && SiloRoutes.Contains(segments[^2], StringComparer.OrdinalIgnoreCase) ? segments[^1] : null;
    }
}
