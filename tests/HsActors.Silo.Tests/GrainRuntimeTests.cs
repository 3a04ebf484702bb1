using HsActors.Abstractions.Grains;
using HsActors.Grains.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace HsActors.Silo.Tests;

public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> ExclusiveAsync(int delayMs);

    [ReadOnly]
    Task<int> ReadAsync(int expectedTogether);

    [AlwaysInterleave]
    Task<int> PeekAsync();

    Task FailAsync();
}

/// <summary>Records how many calls are inside it at once and how often it was activated and deactivated.</summary>
public sealed class ProbeGrain(ProbeLog log) : Grain, IProbeGrain
{
    private int _inside;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref log.Activations);
        await Task.Delay(log.ActivationDelayMs, cancellationToken);
        if (log.FailNextActivation)
        {
            log.FailNextActivation = false;
            throw new InvalidOperationException("activation failed on purpose");
        }
    }

    public override Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref log.Deactivations);
        return Task.CompletedTask;
    }

    public async Task<int> ExclusiveAsync(int delayMs)
    {
        var inside = Enter();
        ProbeLog.RaiseMax(ref log.MaxAcrossGrains, Interlocked.Increment(ref log.AcrossGrains));
        await Task.Delay(delayMs);
        await Task.Yield();
        Interlocked.Decrement(ref log.AcrossGrains);
        Interlocked.Decrement(ref _inside);
        return inside;
    }

    /// <summary>Waits (bounded) until <paramref name="expectedTogether"/> calls are inside at once: only possible if reads interleave.</summary>
    public async Task<int> ReadAsync(int expectedTogether)
    {
        var inside = Enter();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Volatile.Read(ref log.MaxInside) < expectedTogether && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1);
        }
        Interlocked.Decrement(ref _inside);
        return inside;
    }

    public Task<int> PeekAsync() => Task.FromResult(Volatile.Read(ref _inside));

    public Task FailAsync() => throw new ArgumentException("grain method failed on purpose");

    private int Enter()
    {
        var inside = Interlocked.Increment(ref _inside);
        ProbeLog.RaiseMax(ref log.MaxInside, inside);
        return inside;
    }
}

public sealed class ProbeLog
{
    public int Activations;
    public int Deactivations;
    public int MaxInside;
    public int ActivationDelayMs;
    public bool FailNextActivation;
    public int AcrossGrains;
    public int MaxAcrossGrains;

    public static void RaiseMax(ref int max, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref max)) < value && Interlocked.CompareExchange(ref max, value, seen) != seen)
        {
        }
    }
}

public sealed class GrainRuntimeTests : IAsyncDisposable
{
    private readonly ProbeLog _log = new();
    private readonly GrainRuntime _runtime;

    public GrainRuntimeTests()
    {
        _runtime = new GrainRuntime(new GrainRuntimeOptions { CollectionPeriod = TimeSpan.FromHours(1) }, NullLoggerFactory.Instance);
        _runtime.Register<IProbeGrain, ProbeGrain>(_ => new ProbeGrain(_log), idleTimeout: TimeSpan.FromMilliseconds(100));
    }

    public async ValueTask DisposeAsync() => await _runtime.DisposeAsync();

    [Fact]
    public async Task Exclusive_turns_of_one_grain_never_overlap()
    {
        var grain = _runtime.GetGrain<IProbeGrain>("a");

        var inside = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => grain.ExclusiveAsync(2))));

        Assert.All(inside, n => Assert.Equal(1, n));
        Assert.Equal(1, _log.MaxInside);
    }

    [Fact]
    public async Task Different_grains_run_concurrently()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _runtime.GetGrain<IProbeGrain>("g" + i).ExclusiveAsync(300)));

        Assert.True(_log.MaxAcrossGrains >= 2, "Turns of different grains should overlap.");
        Assert.Equal(1, _log.MaxInside);
        Assert.Equal(4, _log.Activations);
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other()
    {
        var grain = _runtime.GetGrain<IProbeGrain>("r");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => grain.ReadAsync(expectedTogether: 3)));

        Assert.Equal(3, _log.MaxInside);
    }

    [Fact]
    public async Task Read_only_calls_wait_for_an_exclusive_turn()
    {
        var grain = _runtime.GetGrain<IProbeGrain>("w");
        var exclusive = grain.ExclusiveAsync(150);
        await UntilInsideAsync();

        var read = await grain.ReadAsync(expectedTogether: 1);
        await exclusive;

        Assert.Equal(1, read); // the exclusive call had left before the read entered
        Assert.Equal(1, _log.MaxInside);
    }

    [Fact]
    public async Task Always_interleave_runs_inside_an_exclusive_turn()
    {
        var grain = _runtime.GetGrain<IProbeGrain>("p");
        var exclusive = grain.ExclusiveAsync(300);
        await UntilInsideAsync();

        var seen = await grain.PeekAsync();
        await exclusive;

        Assert.Equal(1, seen);
    }

    [Fact]
    public async Task A_grain_is_activated_once_however_many_callers_race()
    {
        _log.ActivationDelayMs = 50;
        var grain = _runtime.GetGrain<IProbeGrain>("once");

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => _runtime.GetGrain<IProbeGrain>("once").PeekAsync())));
        await grain.ExclusiveAsync(0);

        Assert.Equal(1, _log.Activations);
    }

    [Fact]
    public async Task Idle_grains_are_deactivated_and_come_back_on_the_next_call()
    {
        var grain = _runtime.GetGrain<IProbeGrain>("idle");
        await grain.ExclusiveAsync(0);
        Assert.Equal(0, await _runtime.CollectIdleActivationsAsync());

        await Task.Delay(250);
        var collected = await _runtime.CollectIdleActivationsAsync();
        await grain.ExclusiveAsync(0);

        Assert.Equal(1, collected);
        Assert.Equal(1, _log.Deactivations);
        Assert.Equal(2, _log.Activations);
    }

    [Fact]
    public async Task The_collection_timer_deactivates_idle_grains()
    {
        await using var runtime = new GrainRuntime(new GrainRuntimeOptions { CollectionPeriod = TimeSpan.FromMilliseconds(30) }, NullLoggerFactory.Instance);
        runtime.Register<IProbeGrain, ProbeGrain>(_ => new ProbeGrain(_log), idleTimeout: TimeSpan.FromMilliseconds(60));
        runtime.Start();
        await runtime.GetGrain<IProbeGrain>("timed").ExclusiveAsync(0);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Volatile.Read(ref _log.Deactivations) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, _log.Deactivations);
    }

    [Fact]
    public async Task A_busy_grain_is_not_collected()
    {
        var grain = _runtime.GetGrain<IProbeGrain>("busy");
        var call = grain.ExclusiveAsync(400);
        await Task.Delay(200);

        var collected = await _runtime.CollectIdleActivationsAsync();
        await call;

        Assert.Equal(0, collected);
        Assert.Equal(0, _log.Deactivations);
    }

    /// <summary>Waits until an exclusive call is inside its turn, so the next call surely meets it there.</summary>
    private async Task UntilInsideAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Volatile.Read(ref _log.AcrossGrains) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task A_failed_activation_fails_that_call_and_the_next_call_activates_again()
    {
        _log.FailNextActivation = true;
        var grain = _runtime.GetGrain<IProbeGrain>("flaky");

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ExclusiveAsync(0));
        Assert.Equal(1, await grain.ExclusiveAsync(0));
        Assert.Equal(2, _log.Activations);
    }

    [Fact]
    public async Task A_grain_method_exception_reaches_the_caller_and_frees_the_turn()
    {
        var grain = _runtime.GetGrain<IProbeGrain>("throws");

        await Assert.ThrowsAsync<ArgumentException>(() => grain.FailAsync());
        Assert.Equal(1, await grain.ExclusiveAsync(0));
    }
}
