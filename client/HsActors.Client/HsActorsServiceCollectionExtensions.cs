using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HsActors.Client;

/// <summary>Registers <see cref="IHsActorsClient"/> as a typed client of <see cref="IHttpClientFactory"/>.</summary>
public static class HsActorsServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient behind <see cref="IHsActorsClient"/>, for further configuration.</summary>
    public const string HttpClientName = "HsActors";

    /// <summary>Registers the client with options set in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets <see cref="HsActorsClientOptions.BaseAddress"/>, the key and the rest.</param>
    /// <returns>The HttpClient's builder, to add handlers of one's own.</returns>
    public static IHttpClientBuilder AddHsActorsClient(this IServiceCollection services, Action<HsActorsClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<HsActorsClientOptions>().Configure(configure);
        return AddClient(services);
    }

    /// <summary>Registers the client with options bound from configuration (e.g. the <c>HsActors</c> section).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">A section whose keys are the property names of <see cref="HsActorsClientOptions"/>.</param>
    /// <returns>The HttpClient's builder, to add handlers of one's own.</returns>
    public static IHttpClientBuilder AddHsActorsClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HsActorsClientOptions>().Bind(configuration);
        return AddClient(services);
    }

    private static IHttpClientBuilder AddClient(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HsActorsClientOptions>, HsActorsClientOptionsValidator>());

        // Typed clients are transient, so the batcher that makes concurrent calls meet is a singleton of its own,
        // taking a fresh HttpClient from the factory for every batch.
        services.TryAddSingleton(provider =>
        {
            var factory = provider.GetRequiredService<IHttpClientFactory>();
            return new ClassifyMicroBatcher(
                OptionsOf(provider),
                (lines, cancellationToken) => new HsActorsHttpApi(factory.CreateClient(HttpClientName)).ClassifyBatchAsync(lines, cancellationToken));
        });

        return services
            .AddHttpClient<IHsActorsClient, HsActorsClient>(
                HttpClientName,
                (httpClient, provider) => new HsActorsClient(
                    httpClient,
                    OptionsOf(provider).MicroBatching ? provider.GetRequiredService<ClassifyMicroBatcher>() : null))
            .ConfigureHttpClient((provider, httpClient) => HttpClientSetup.Apply(httpClient, OptionsOf(provider)))
            .AddHttpMessageHandler(provider => new HsActorsResilienceHandler(
                OptionsOf(provider), provider.GetService<ILogger<HsActorsResilienceHandler>>()));
    }

    private static HsActorsClientOptions OptionsOf(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<HsActorsClientOptions>>().Value;
}
