using HsActors.Silo.Api;
using HsActors.Silo.Hosting;
using HsActors.Silo.Metrics;
using HsActors.Silo.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);

// --urls / ASPNETCORE_URLS win; otherwise HsActors:Urls, loopback by default.
if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls(builder.Configuration[$"{SiloOptions.Section}:{nameof(SiloOptions.Urls)}"] ?? SiloOptions.DefaultUrls);
}

var services = builder.Services;
services.Configure<SiloOptions>(builder.Configuration.GetSection(SiloOptions.Section));
services.AddSingleton<SiloReadiness>();
builder.AddOrleansSilo();
services.AddAssessmentIngress(builder.Configuration);
services.AddModelLifecycle(builder.Configuration);
services.AddSingleton<ModelAdministration>();
// Last: with cluster backends configured they replace the embedded stores registered above.
services.AddConfiguredBackends(builder.Configuration);
services.AddHostedService<ModelBootstrapper>();
services.AddSingleton(sp => new ClassifyRequestValidator(sp.GetRequiredService<IOptions<SiloOptions>>().Value.Limits));

services.AddSingleton(sp => new ApiKeyRegistry(sp.GetRequiredService<IOptions<SiloOptions>>().Value.ApiKeys));
services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
services.AddAuthorization(ApiRoles.AddPolicies);
services.AddRateLimiter(_ => { });
services.AddOptions<RateLimiterOptions>().Configure<IOptions<SiloOptions>>((limiter, silo) => ApiRateLimiting.Configure(limiter, silo.Value));

services.AddSingleton<SiloMetrics>();
services.AddSingleton<PrometheusExporter>();
services.AddProblemDetails();
services.AddExceptionHandler<ApiExceptionHandler>();
services.AddOpenApi();

var app = builder.Build();

// Fail at start-up, not at the first request, on bad keys or an unreadable importer log.
var keys = app.Services.GetRequiredService<ApiKeyRegistry>();
app.Services.GetRequiredService<PrometheusExporter>();
if (DevelopmentKeys.EnabledIn(keys) is { Count: > 0 } devKeys)
{
    app.Logger.LogWarning(
        "The documented development API keys ({Keys}) are enabled. Replace HsActors:ApiKeys with your own hashed keys before exposing this silo.",
        string.Join(", ", devKeys));
}

app.UseMiddleware<RequestMetricsMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRouting();
app.Use(RequestMetricsMiddleware.MarkRoute);
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi();
app.MapOperationsEndpoints();
var v1 = app.MapGroup("/v1");
v1.MapClassifyEndpoints();
v1.MapLookupEndpoints();
v1.MapAssessmentEndpoints();
v1.MapAuditEndpoints();
v1.MapModelAdminEndpoints();
app.MapOrleansDashboard(DashboardRoute).RequireAuthorization(ApiRoles.AdminPolicy);

app.Run();

/// <summary>The entry point, public for the HTTP tests' WebApplicationFactory.</summary>
public partial class Program
{
    /// <summary>Where the Orleans Dashboard is served (admin keys only).</summary>
    public const string DashboardRoute = "/dashboard";
}
