using HsActors.Abstractions.Retraining;
using HsActors.Abstractions.Streaming;
using HsActors.Grains.Models;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Retraining;

/// <summary>
/// Reads the assessment stream from the start into an <see cref="AssessmentLedger"/>, and retrains a key once
/// <see cref="RetrainingOptions.MinAssessments"/> new assessments touch it or its oldest new one waited
/// <see cref="RetrainingOptions.MaxDelay"/>. "New" means past the offset the key's newest version recorded, so a
/// restart resumes without a consumer offset of its own. Retrainings run in the background, at most
/// <see cref="RetrainingOptions.MaxConcurrentRetrains"/> at once and one per key, never on the classification path.
/// </summary>
public sealed class RetrainingScheduler(
    IAssessmentStream stream, ActiveModels models, ChapterRetrainer chapters, RouterRetrainer router, IChapterOwnership ownership,
    RetrainingOptions options, TimeProvider time, ILogger<RetrainingScheduler> logger)
{
    private readonly AssessmentLedger _ledger = new();
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentRetrains));
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public AssessmentLedger Ledger => _ledger;

    /// <summary>Runs until cancelled: the stream reader and the due-check loop.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reading = ReadAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(options.CheckInterval, time, cancellationToken).ConfigureAwait(false);
                await CheckAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await reading.ConfigureAwait(false);
    }

    /// <summary>Retrains the key now, whatever its count (an administrator's request); false when it is already running.</summary>
    public async Task<bool> RequestAsync(string key, CancellationToken cancellationToken)
    {
        var state = await StateAsync(key, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (state.Running)
            {
                return false;
            }
            state.Running = true;
        }
        Start(key, state, cancellationToken);
        return true;
    }

    public IReadOnlyList<RetrainingStatus> Status()
    {
        lock (_gate)
        {
            return [.. _keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => StatusOf(k.Key, k.Value))];
        }
    }

    public RetrainingStatus? Status(string key)
    {
        lock (_gate)
        {
            return _keys.TryGetValue(key, out var state) ? StatusOf(key, state) : null;
        }
    }

    private RetrainingStatus StatusOf(string key, KeyState state) =>
        new(key, state.Through is { } through ? _ledger.CountFrom(key, through) : 0, state.Through ?? 0, state.Running, ownership.Owns(key), state.Last, state.LastError);

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var entry in stream.ReadAsync(_ledger.NextOffset, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var key in _ledger.Add(entry))
                    {
                        lock (_gate)
                        {
                            if (!_keys.ContainsKey(key))
                            {
                                _keys[key] = new KeyState();
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Reading the assessment stream failed at offset {Offset}; retrying.", _ledger.NextOffset);
                await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        List<string> keys;
        lock (_gate)
        {
            keys = [.. _keys.Keys];
        }
        var now = time.GetUtcNow();
        foreach (var key in keys)
        {
            if (!Acquired(key, ownership.Owns(key)))
            {
                continue;
            }
            KeyState state;
            try
            {
                state = await StateAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not read the versions of {Key}; its retraining waits.", key);
                continue;
            }
            var pending = _ledger.CountFrom(key, state.Through!.Value);
            var minimum = key == IModelStore.RouterKey ? options.RouterMinAssessments : options.MinAssessments;
            lock (_gate)
            {
                if (pending == 0)
                {
                    state.FirstPendingAt = null;
                    continue;
                }
                state.FirstPendingAt ??= now;
                var due = pending >= minimum || now - state.FirstPendingAt >= options.MaxDelay;
                if (!due || state.Running || now < state.NotBefore)
                {
                    continue;
                }
                state.Running = true;
            }
            Start(key, state, cancellationToken);
        }
    }

    // In a cluster another silo may have trained the key while this one did not own it: on taking it over, read
    // the newest version's offset again, so the new owner resumes where the old one stopped.
    private bool Acquired(string key, bool owns)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var state))
            {
                return owns;
            }
            if (owns && !state.Owned && !state.Running)
            {
                state.Through = null;
            }
            state.Owned = owns;
            return owns;
        }
    }

    private async Task<KeyState> StateAsync(string key, CancellationToken cancellationToken)
    {
        KeyState? state;
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out state))
            {
                _keys[key] = state = new KeyState();
            }
            if (state.Through is not null)
            {
                return state;
            }
        }
        var through = await models.AssessmentsThroughAsync(key, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            state.Through ??= through;
        }
        return state;
    }

    private void Start(string key, KeyState state, CancellationToken cancellationToken) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var through = _ledger.NextOffset;
                    var outcome = key == IModelStore.RouterKey
                        ? await router.RetrainAsync(_ledger.For(key), CrossChapter(), through, cancellationToken).ConfigureAwait(false)
                        : await chapters.RetrainAsync(key, _ledger.For(key), through, cancellationToken).ConfigureAwait(false);
                    lock (_gate)
                    {
                        state.Last = outcome;
                        state.LastError = null;
                        state.Through = Math.Max(state.Through ?? 0, outcome.AssessmentsThrough);
                        state.FirstPendingAt = null;
                    }
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogError(e, "Retraining {Key} failed; it is tried again after {Delay}.", key, options.MaxDelay);
                lock (_gate)
                {
                    state.LastError = e.Message;
                    state.NotBefore = time.GetUtcNow() + options.MaxDelay;
                }
            }
            finally
            {
                lock (_gate)
                {
                    state.Running = false;
                }
            }
        }, CancellationToken.None);

    /// <summary>The assessments that moved a line to another chapter (the router's own key).</summary>
    private IReadOnlyList<LedgerEntry> CrossChapter()
    {
        var all = _ledger.For(IModelStore.RouterKey);
        return [.. all.Where(e => e.Record.DeclaredCode is { } d && Nomenclature.HsCode.TryParse(d, out var declared) && declared.Chapter != e.Code.Chapter)];
    }

    private sealed class KeyState
    {
        public long? Through { get; set; }

        public DateTimeOffset? FirstPendingAt { get; set; }

        public DateTimeOffset NotBefore { get; set; }

        public bool Running { get; set; }

        public bool Owned { get; set; } = true;

        public RetrainingOutcome? Last { get; set; }

        public string? LastError { get; set; }
    }
}
