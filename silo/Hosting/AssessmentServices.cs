using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Overrides;
using HsActors.Abstractions.Streaming;
using HsActors.Grains.Assessments;
using HsActors.Grains.Audit;
using HsActors.Grains.Overrides;
using HsActors.Grains.Serving;
using HsActors.Silo.Api;
using HsActors.Streaming.LocalLog;
using HsActors.Streaming.RabbitMq;
using Microsoft.Extensions.Options;

namespace HsActors.Silo.Hosting;

/// <summary>
/// Wires the assessment ingress: the assessment stream (the local log under the data directory, or a RabbitMQ stream
/// queue when <c>HsActors:RabbitMq:Uri</c> is set), the checkpoint of its Orleans stream provider, the override table,
/// the audit trail, the request handling, and what the stream's consumer grain applies (importer statistics, overrides).
/// </summary>
internal static class AssessmentServices
{
    public const string LogFileName = "assessments.log";

    public static IServiceCollection AddAssessmentIngress(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AssessmentIngressOptions>(configuration.GetSection(SiloOptions.Section));
        services.AddSingleton<IAssessmentStream>(OpenStream);
        // Embedded: on local disk. A cluster keeps checkpoints and overrides in PostgreSQL, shared by its silos, because
        // Orleans moves the stream's one pulling agent (and its consumer) between them.
        services.AddSingleton<IStreamOffsetStore>(sp => new FileStreamOffsetStore(Path.Combine(AssessmentDirectory(sp), "offsets")));
        services.AddSingleton(sp => OverrideLog.Open(
            Path.Combine(DataDirectory(sp), "overrides"), sp.GetRequiredService<ILoggerFactory>().CreateLogger<OverrideLog>()));
        services.AddSingleton<IOverrideStore>(sp => sp.GetRequiredService<OverrideLog>());
        services.AddSingleton(sp => AuditLog.Open(
            Path.Combine(DataDirectory(sp), "audit"), sp.GetRequiredService<ILoggerFactory>().CreateLogger<AuditLog>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditLog>());
        services.AddSingleton(sp => new OverrideProjection(
            sp.GetRequiredService<ModelCache>(), sp.GetRequiredService<IOverrideStore>(),
            sp.GetRequiredService<IOptions<AssessmentIngressOptions>>().Value.Assessments.OverridesPerImporter));
        services.AddSingleton(sp => new ImporterAssessmentProjection(sp.GetRequiredService<IGrainFactory>()));
        services.AddSingleton(sp => new AssessmentRequestValidator(
            sp.GetRequiredService<IOptions<SiloOptions>>().Value.Limits,
            sp.GetRequiredService<IOptions<AssessmentIngressOptions>>().Value.Assessments,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AssessmentIngestion>();
        return services;
    }

    private static string DataDirectory(IServiceProvider services) =>
        services.GetRequiredService<IOptions<SiloOptions>>().Value.ResolvedDataDirectory;

    private static string AssessmentDirectory(IServiceProvider services) => Path.Combine(DataDirectory(services), "assessments");

    private static IAssessmentStream OpenStream(IServiceProvider services)
    {
        var rabbit = services.GetRequiredService<IOptions<AssessmentIngressOptions>>().Value.RabbitMq;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AssessmentServices));
        if (!rabbit.IsConfigured)
        {
            var path = Path.Combine(AssessmentDirectory(services), LogFileName);
            // A silo restarted in place may find its previous instance still closing the log.
            var log = LocalLogAssessmentStream.Open(path, new LocalLogOptions { LockWait = TimeSpan.FromSeconds(15) });
            logger.LogInformation("Assessment stream: local log {Path}.", path);
            return log;
        }
        var endpoint = RabbitMqUri.Parse(rabbit.Uri!);
        logger.LogInformation("Assessment stream: RabbitMQ stream {Stream} on {Host}:{Port}.", rabbit.StreamName, endpoint.HostName, endpoint.Port);
        // Resolved once at start-up (the consumers ask for it first), so blocking on the connection here is brief and early.
        return RabbitMqAssessmentStream.OpenAsync(new RabbitMqStreamOptions { Endpoint = endpoint, StreamName = rabbit.StreamName })
            .GetAwaiter().GetResult();
    }
}
