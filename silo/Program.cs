using HsActors.Silo.Api;
using HsActors.Silo.Api.Documentation;
using HsActors.Silo.Hosting;
using HsActors.Silo.Metrics;
using HsActors.Silo.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);

// --urls / ASPNETCORE_URLS win; otherwise HsActors:Urls, loopback by default.
var listenUrls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } given ? given
    : builder.Configuration[$"{SiloOptions.Section}:{nameof(SiloOptions.Urls)}"] ?? SiloOptions.DefaultUrls;
builder.WebHost.UseUrls(listenUrls);

var services = builder.Services;
services.Configure<SiloOptions>(builder.Configuration.GetSection(SiloOptions.Section));
services.AddSingleton<SiloReadiness>();
builder.AddOrleansSilo();
services.AddAssessmentIngress(builder.Configuration);
services.AddModelLifecycle(builder.Configuration);
services.AddSemanticStage(builder.Configuration);
services.AddSingleton<ModelAdministration>();
// Last: with cluster backends configured they replace the embedded stores registered above.
services.AddConfiguredBackends(builder.Configuration);
services.AddHostedService<ModelBootstrapper>();
services.AddSingleton(sp => new ClassifyRequestValidator(sp.GetRequiredService<IOptions<SiloOptions>>().Value.Limits));
services.AddSingleton(sp => new BatchAdmission(sp.GetRequiredService<IOptions<SiloOptions>>().Value.Limits));

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
services.AddOpenApi(openApi =>
{
    // The document names the configured public address or none: never the request's Host header, which a client chooses.
    openApi.AddDocumentTransformer((document, _, _) =>
    {
        document.Servers = builder.Configuration[PublicBaseUrlSetting] is { Length: > 0 } publicUrl ? [new() { Url = publicUrl }] : [];
        return Task.CompletedTask;
    });
    openApi.AddDocumentTransformer<ApiKeyDocumentation>();
    openApi.AddOperationTransformer<ApiKeyDocumentation>();
    openApi.AddOperationTransformer<DocumentedQueryParameterTransformer>();
    openApi.AddDocumentTransformer<OmittedNullMembers>();
});

var app = builder.Build();
BatchThreadReserve.Apply(app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.Limits, app.Services.GetRequiredService<HsActors.Grains.Classification.ClassificationOptions>());

// Fail at start-up, not at the first request, on bad keys or an unreadable importer log.
var keys = app.Services.GetRequiredService<ApiKeyRegistry>();
app.Services.GetRequiredService<PrometheusExporter>();
if (DevelopmentKeyExposure.Refusal(builder.Configuration, DevelopmentKeys.EnabledIn(keys), listenUrls) is { } refusal)
{
    app.Logger.LogCritical("{Refusal}", refusal);
    Console.Error.WriteLine(refusal);
    return 1;
}
if (DevelopmentKeys.EnabledIn(keys) is { Count: > 0 } devKeys)
{
    app.Logger.LogWarning(
        "The documented development API keys ({Keys}) are enabled. Replace HsActors:ApiKeys with your own hashed keys before exposing this silo.",
        string.Join(", ", devKeys));
}

app.UseMiddleware<RequestMetricsMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseConsole();
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
v1.MapChapterMapEndpoints();
v1.MapSessionEndpoints();
v1.MapAssessmentEndpoints();
v1.MapAuditEndpoints();
v1.MapModelAdminEndpoints();
// The dashboard is Orleans' own page and the JSON feed behind it (one route of which streams without end), not part
// of the API: it stays out of the document.
app.MapOrleansDashboard(DashboardRoute).RequireAuthorization(ApiRoles.AdminPolicy).ExcludeFromDescription()
    .AddEndpointFilter<DashboardSiloAddressFilter>();

await app.RunAsync();
return 0;

/// <summary>The entry point, public for the HTTP tests' WebApplicationFactory.</summary>
public partial class Program
{
    /// <summary>The address clients reach the silo at, for the OpenAPI document's servers (behind a load balancer).</summary>
    public const string PublicBaseUrlSetting = "HsActors:PublicBaseUrl";

    /// <summary>Where the Orleans Dashboard is served (admin keys only).</summary>
    public const string DashboardRoute = "/dashboard";
}
