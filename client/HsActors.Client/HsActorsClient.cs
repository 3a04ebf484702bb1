using HsActors.Contracts;

namespace HsActors.Client;

/// <summary>
/// The typed HttpClient for the HsActors service. Registered by
/// <see cref="HsActorsServiceCollectionExtensions.AddHsActorsClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{HsActorsClientOptions})"/>,
/// which also puts <see cref="HsActorsResilienceHandler"/> under it and shares one micro-batcher between all instances.
/// </summary>
public sealed class HsActorsClient : IHsActorsClient, IAsyncDisposable, IDisposable
{
    private readonly HsActorsHttpApi _api;
    private readonly ClassifyMicroBatcher? _microBatcher;
    private readonly bool _ownsMicroBatcher;
    private readonly HttpClient? _ownedHttpClient;

    /// <summary>
    /// A client over an <see cref="HttpClient"/> the caller set up (base address, key, handlers). With
    /// <see cref="HsActorsClientOptions.MicroBatching"/> on, this instance runs its own micro-batcher; dispose the
    /// client to flush it.
    /// </summary>
    /// <param name="httpClient">Sends the requests; its <see cref="HttpClient.BaseAddress"/> must be the service root.</param>
    /// <param name="options">Only the micro-batching settings are read here.</param>
    public HsActorsClient(HttpClient httpClient, HsActorsClientOptions options)
        : this(httpClient, options, ownedHttpClient: null)
    {
    }

    private HsActorsClient(HttpClient httpClient, HsActorsClientOptions options, HttpClient? ownedHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _ownedHttpClient = ownedHttpClient;
        _api = new HsActorsHttpApi(httpClient);
        if (options.MicroBatching)
        {
            _microBatcher = new ClassifyMicroBatcher(options, _api.ClassifyBatchAsync);
            _ownsMicroBatcher = true;
        }
    }

    /// <summary>A client that lends a shared micro-batcher (or none), as the DI registration makes it.</summary>
    internal HsActorsClient(HttpClient httpClient, ClassifyMicroBatcher? sharedMicroBatcher)
    {
        _api = new HsActorsHttpApi(httpClient);
        _microBatcher = sharedMicroBatcher;
    }

    /// <summary>
    /// A client with its own <see cref="HttpClient"/> and <see cref="HsActorsResilienceHandler"/>, for code without
    /// dependency injection. Dispose it when done.
    /// </summary>
    /// <param name="options">Validated here; <see cref="ArgumentException"/> names every bad setting.</param>
    public static HsActorsClient Create(HsActorsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        var httpClient = new HttpClient(new HsActorsResilienceHandler(options) { InnerHandler = new SocketsHttpHandler() });
        HttpClientSetup.Apply(httpClient, options);
        return new HsActorsClient(httpClient, options, ownedHttpClient: httpClient);
    }

    /// <inheritdoc />
    public Task<ClassifyResponse> ClassifyAsync(ClassifyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureDescribed(request, "request");
        return _microBatcher is null
            ? _api.ClassifyAsync(request, cancellationToken)
            : _microBatcher.ClassifyAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClassifyResponse>> ClassifyBatchAsync(
        IReadOnlyList<ClassifyRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i] is null)
            {
                throw new ArgumentException($"requests[{i}] is null.", nameof(requests));
            }

            EnsureDescribed(requests[i], $"requests[{i}]");
        }

        if (requests.Count <= BatchClassifyRequest.MaxLines)
        {
            return requests.Count == 0 ? [] : await _api.ClassifyBatchAsync(requests, cancellationToken).ConfigureAwait(false);
        }

        var results = new ClassifyResponse[requests.Count];
        for (var offset = 0; offset < requests.Count; offset += BatchClassifyRequest.MaxLines)
        {
            var length = Math.Min(BatchClassifyRequest.MaxLines, requests.Count - offset);
            var lines = new ClassifyRequest[length];
            for (var i = 0; i < length; i++)
            {
                lines[i] = requests[offset + i];
            }

            IReadOnlyList<ClassifyResponse> chunkResults;
            try
            {
                chunkResults = await _api.ClassifyBatchAsync(lines, cancellationToken).ConfigureAwait(false);
            }
            catch (HsActorsApiException rejected)
            {
                throw BatchLineErrors.Rebase(rejected, offset);
            }

            for (var i = 0; i < length; i++)
            {
                results[offset + i] = chunkResults[i];
            }
        }

        return results;
    }

    /// <inheritdoc />
    public Task<NomenclatureItem?> GetNomenclatureAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return _api.GetNomenclatureAsync(code.Trim(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ImporterSummary?> GetImporterStatisticsAsync(string importerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(importerId);
        return _api.GetImporterStatisticsAsync(importerId.Trim(), cancellationToken);
    }

    /// <summary>Flushes this instance's own micro-batcher and HttpClient; a client made by DI owns neither, so this does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsMicroBatcher && _microBatcher is not null)
        {
            await _microBatcher.DisposeAsync().ConfigureAwait(false);
        }

        _ownedHttpClient?.Dispose();
    }

    /// <summary>
    /// Stops this instance's own micro-batcher at once (waiting callers get <see cref="ObjectDisposedException"/>)
    /// and disposes its own HttpClient; prefer <see cref="DisposeAsync"/>, which answers them first.
    /// </summary>
    public void Dispose()
    {
        if (_ownsMicroBatcher)
        {
            _microBatcher?.Dispose();
        }

        _ownedHttpClient?.Dispose();
    }

    private static void EnsureDescribed(ClassifyRequest request, string name)
    {
        if (string.IsNullOrWhiteSpace(request.Description))
        {
            throw new ArgumentException($"{name}.Description is empty; the service classifies goods by their description.", name);
        }
    }
}
