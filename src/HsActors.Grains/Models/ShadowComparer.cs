using System.Threading.Channels;
using HsActors.Abstractions.Grains;
using HsActors.Classification.Hierarchy;
using HsActors.Learning;

namespace HsActors.Grains.Models;

/// <summary>
/// Compares a chapter's shadow version with its active version on live lines, off the response path: the hot path
/// only offers the line's features to a bounded queue (dropping when it is full), and one background loop ranks them
/// with both versions and counts the lines whose top code agrees. Counts restart when the active/shadow pair changes.
/// </summary>
internal sealed class ShadowComparer : IAsyncDisposable
{
    private const int QueueCapacity = 1024;
    private const int DisagreementsKept = 10;

    private readonly Channel<(SparseVector Features, string Description)> _queue = Channel.CreateBounded<(SparseVector, string)>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Func<ChapterServing> _serving;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private (string Active, string Shadow)? _pair;
    private long _compared;
    private long _agreed;
    private long _dropped;
    private readonly Queue<ShadowDisagreement> _disagreements = new(DisagreementsKept);

    public ShadowComparer(Func<ChapterServing> serving)
    {
        _serving = serving;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Never blocks: a full queue drops the line and counts it.</summary>
    public void Offer(in SparseVector features, string description)
    {
        if (!_queue.Writer.TryWrite((features, description)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public ShadowAgreement? Agreement(ChapterServing serving)
    {
        if (serving.Active is null || serving.Shadow is null)
        {
            return null;
        }
        lock (_gate)
        {
            var current = _pair == (serving.Active.Name, serving.Shadow.Name);
            return new ShadowAgreement(serving.Active.Name, serving.Shadow.Name,
                current ? _compared : 0, current ? _agreed : 0, Interlocked.Read(ref _dropped))
            {
                Disagreements = current ? [.. _disagreements.Reverse()] : [],
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var activeCodes = new List<CodeRecommendation>(64);
        var shadowCodes = new List<CodeRecommendation>(64);
        await foreach (var (features, description) in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var serving = _serving();
            if (serving.Active is not { } active || serving.Shadow is not { } shadow)
            {
                continue;
            }
            var activeTop = Top(active.Chapter.Model, features, activeCodes);
            var shadowTop = Top(shadow.Chapter.Model, features, shadowCodes);
            var agrees = activeTop == shadowTop;
            lock (_gate)
            {
                var pair = (active.Name, shadow.Name);
                if (_pair != pair)
                {
                    _pair = pair;
                    _compared = 0;
                    _agreed = 0;
                    _disagreements.Clear();
                }
                _compared++;
                if (agrees)
                {
                    _agreed++;
                }
                else
                {
                    if (_disagreements.Count == DisagreementsKept)
                    {
                        _disagreements.Dequeue();
                    }
                    _disagreements.Enqueue(new ShadowDisagreement(description, activeTop?.Digits, shadowTop?.Digits));
                }
            }
        }
    }

    private static Nomenclature.HsCode? Top(ChapterModel model, in SparseVector features, List<CodeRecommendation> buffer)
    {
        buffer.Clear();
        model.Rank(features, 1f, buffer);
        if (buffer.Count == 0)
        {
            return null;
        }
        var best = buffer[0];
        foreach (var code in buffer)
        {
            if (code.Probability > best.Probability)
            {
                best = code;
            }
        }
        return best.Code;
    }
}
