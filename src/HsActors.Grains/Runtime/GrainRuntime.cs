using HsActors.Abstractions.Grains;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Runtime;

/// <summary>
/// The silo's activation runtime: one activation table per grain type, references by interface and key, and a timer
/// that collects idle activations. Single node by design; placement across silos is a later concern.
/// </summary>
public sealed class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private readonly Dictionary<Type, IGrainActivationTable> _tables = [];
    private readonly GrainRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _collector;
    private int _disposed;

    public GrainRuntime(GrainRuntimeOptions options, ILoggerFactory loggers, TimeProvider? time = null)
    {
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<GrainRuntime>();
        _time = time ?? TimeProvider.System;
    }

    public IReadOnlyCollection<IGrainActivationTable> Tables => _tables.Values;

    /// <summary>Registers the grain class serving <typeparamref name="TInterface"/>; call before <see cref="Start"/>.</summary>
    public GrainActivationTable<TGrain> Register<TInterface, TGrain>(Func<string, TGrain> create, TimeSpan? idleTimeout = null)
        where TInterface : class, IGrainWithStringKey
        where TGrain : Grain, TInterface
    {
        if (_collector is not null)
        {
            throw new InvalidOperationException("Grain types must be registered before the runtime starts.");
        }
        GrainMethod.ValidateInterface(typeof(TInterface));
        var table = new GrainActivationTable<TGrain>(create, idleTimeout ?? _options.DefaultIdleTimeout, _time, _loggers.CreateLogger<TGrain>());
        if (!_tables.TryAdd(typeof(TInterface), table))
        {
            throw new InvalidOperationException($"{typeof(TInterface).Name} already has a grain class.");
        }
        return table;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : class, IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_tables.TryGetValue(typeof(TGrainInterface), out var table))
        {
            throw new InvalidOperationException($"No grain class is registered for {typeof(TGrainInterface).Name}.");
        }
        return GrainReference.Create<TGrainInterface>(table, key);
    }

    public void Start()
    {
        _collector ??= CollectIdleLoopAsync(_stopping.Token);
    }

    /// <summary>One collection pass over every table (the timer calls this; tests may too).</summary>
    public async Task<int> CollectIdleActivationsAsync(CancellationToken cancellationToken = default)
    {
        var collected = 0;
        foreach (var table in _tables.Values)
        {
            collected += await table.DeactivateIdleAsync(cancellationToken).ConfigureAwait(false);
        }
        return collected;
    }

    /// <summary>Stops collection and deactivates every activation; idempotent (the host may hold it under two service types).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_collector is not null)
        {
            await _collector.ConfigureAwait(false);
        }
        foreach (var table in _tables.Values)
        {
            await table.DeactivateAllAsync(CancellationToken.None).ConfigureAwait(false);
        }
        _stopping.Dispose();
    }

    private async Task CollectIdleLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.CollectionPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var collected = await CollectIdleActivationsAsync(cancellationToken).ConfigureAwait(false);
                    if (collected > 0)
                    {
                        _logger.LogDebug("Deactivated {Count} idle grain activations.", collected);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogError(e, "Idle grain collection failed; it runs again next period.");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
