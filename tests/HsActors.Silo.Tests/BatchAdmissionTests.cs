using HsActors.Silo.Api;
using HsActors.Silo.Hosting;

namespace HsActors.Silo.Tests;

public sealed class BatchAdmissionTests
{
    [Fact]
    public async Task A_batch_beyond_the_concurrent_limit_waits_and_is_refused_when_no_turn_comes_free()
    {
        using var admission = new BatchAdmission(new RequestLimits { MaxConcurrentBatches = 2, BatchAdmissionWait = TimeSpan.FromMilliseconds(50) });

        var first = await admission.EnterAsync(CancellationToken.None);
        var second = await admission.EnterAsync(CancellationToken.None);
        var third = await admission.EnterAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(third);
        first!.Dispose();
        first.Dispose(); // a turn is given back once
        Assert.NotNull(await admission.EnterAsync(CancellationToken.None));
        Assert.Null(await admission.EnterAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_waiting_batch_gets_the_turn_an_answered_batch_gives_back()
    {
        using var admission = new BatchAdmission(new RequestLimits { MaxConcurrentBatches = 1, BatchAdmissionWait = TimeSpan.FromSeconds(10) });
        var running = await admission.EnterAsync(CancellationToken.None);

        var waiting = admission.EnterAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        running!.Dispose();

        Assert.NotNull(await waiting);
    }
}
