using HsActors.Silo.Hosting;
using HsActors.Silo.Metrics;

namespace HsActors.Silo.Api;

/// <summary>Health, readiness and metrics: anonymous, for the orchestrator and the scraper.</summary>
internal static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new HealthStatus("live", null)))
            .WithSummary("The process is up.")
            .ExcludeFromDescription();
        app.MapGet("/health/ready", (HttpContext context, SiloReadiness readiness) => readiness.IsReady
                ? Results.Ok(new HealthStatus("ready", readiness.Detail))
                : ClassifyEndpoints.NotReady(context, readiness))
            .WithSummary("200 once the model is loaded; 503 while it trains or loads.")
            .ExcludeFromDescription();
        app.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), PrometheusExporter.ContentType))
            .ExcludeFromDescription();
    }

    private sealed record HealthStatus(string Status, string? Detail);
}
