using System.Diagnostics;

namespace HsActors.Silo.Metrics;

/// <summary>
/// Times every request and counts it by route and final status. Sits outside the exception handler so 500s are counted
/// as such; the route is captured by <see cref="MarkRoute"/> after routing because the handler clears the endpoint.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, SiloMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var route = new MatchedRoute();
        context.Features.Set(route);
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            metrics.RecordRequest(route.Pattern ?? "unmatched", status, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>Place right after routing.</summary>
    public static Task MarkRoute(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<MatchedRoute>() is { } route && context.GetEndpoint() is RouteEndpoint endpoint)
        {
            route.Pattern = context.Request.Method + " " + endpoint.RoutePattern.RawText;
        }
        return next(context);
    }

    private sealed class MatchedRoute
    {
        public string? Pattern { get; set; }
    }
}
