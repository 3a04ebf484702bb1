using System.Collections.Concurrent;
using System.Diagnostics;
using HsActors.Abstractions.Streaming;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Index;
using HsActors.Grains.Retraining;
using HsActors.Nomenclature;
using HsActors.Text;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Serving;

/// <summary>
/// Keeps officers' assessments in whichever semantic index this silo serves. An index file holds the bundled corpus's
/// rows only; the assessment stream is the officers' rows' durable record. So every assessment this silo's ledger reads
/// is learned (whichever silo received it), and each new index version (start-up, promotion, rollback) gets the whole
/// ledger replayed into it before it serves. An index holds an assessment id once: the receiving silo learns its own
/// at once (<see cref="Learn"/>), and the stream's copy then finds it there; a correction under a new id is a new row.
/// Indonesian descriptions and unreadable codes are passed over, as the stage does for lines.
/// </summary>
public sealed class SemanticAssessmentLearner(SemanticStage stage, AssessmentLedger ledger, IndonesianTextDetector language,
    ILogger<SemanticAssessmentLearner> logger) : IAssessmentLedgerObserver
{
    /// <summary>
    /// Replayed rows per <see cref="SemanticIndexBuilder.Add"/> call (one index segment each): few segments to merge, yet
    /// small enough that a long replay reports progress every few seconds and holds little in buffers.
    /// </summary>
    private const int ReplayChunk = 1024;

    /// <summary>Live assessments encoded together: a stream read from the start after a restart arrives in thousands.</summary>
    private const int LiveBatch = 256;

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    // _serving and _preparing, and every target's ids, are read and changed under this gate only; encoding happens outside it.
    private readonly Lock _gate = new();
    private Target? _serving;
    private Target? _preparing;

    private readonly ConcurrentQueue<AssessmentRecord> _queue = new();
    private readonly Lock _drainGate = new();
    private bool _draining;
    private Task _drain = Task.CompletedTask;

    /// <summary>
    /// Replays every assessment of the ledger into <paramref name="index"/> (not serving yet), then serves it. One load
    /// at a time (the loader's gate). An assessment that arrives meanwhile goes into the index being served and into this
    /// one; the id sets make it one row in each, whether the replay or the arrival gets there first.
    /// </summary>
    public void Serve(SentenceEmbedder embedder, SemanticIndex index, string version)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(index);
        var target = new Target(index, embedder);
        IReadOnlyList<LedgerEntry> entries;
        lock (_gate)
        {
            // The target becomes visible to arrivals as the ledger is read: an entry the ledger gets after this is an
            // arrival the drain learns into the target; one it had is the replay's (its arrival then finds the id taken).
            _preparing = target;
            entries = ledger.All();
            foreach (var entry in entries)
            {
                target.Ids.Add(entry.Record.AssessmentId);
            }
        }
        try
        {
            Replay(target, entries, version);
        }
        catch
        {
            lock (_gate)
            {
                _preparing = null;
            }
            throw;
        }
        stage.Serve(embedder, index, version);
        lock (_gate)
        {
            _serving = target;
            _preparing = null;
        }
    }

    /// <summary>The receiving silo's own assessment, learned now rather than after the stream's round trip.</summary>
    public void Learn(AssessmentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _queue.Enqueue(record);
        lock (_drainGate)
        {
            if (_draining)
            {
                return;
            }
            _draining = true;
            _drain = Task.Run(Drain);
        }
    }

    /// <summary>An assessment read from the stream: learned like the receiving silo's own, at most once per index.</summary>
    public void Added(AssessmentRecord record) => Learn(record);

    /// <summary>Completes when every assessment handed over so far has been learned (or passed over).</summary>
    internal async Task IdleAsync()
    {
        while (true)
        {
            Task drain;
            lock (_drainGate)
            {
                if (!_draining)
                {
                    return;
                }
                drain = _drain;
            }
            await drain.ConfigureAwait(false);
        }
    }

    private void Replay(Target target, IReadOnlyList<LedgerEntry> entries, string version)
    {
        var rows = entries.Select(e => Row(e.Record)).OfType<OfficersRow>().ToList();
        if (rows.Count == 0)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        for (var start = 0; start < rows.Count; start += ReplayChunk)
        {
            var chunk = rows.GetRange(start, Math.Min(ReplayChunk, rows.Count - start));
            SemanticIndexBuilder.Add(target.Index, target.Embedder, [.. chunk.Select(r => (r.Description, r.Code))]);
            if (start + chunk.Count < rows.Count && Stopwatch.GetElapsedTime(lastReport) >= ProgressEvery)
            {
                lastReport = Stopwatch.GetTimestamp();
                logger.LogInformation("Replaying officers' assessments into semantic index {Version}: {Done:N0} of {Rows:N0} in {Seconds:F0} s.",
                    version, start + chunk.Count, rows.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
        logger.LogInformation(
            "Replayed {Rows:N0} officers' assessments into semantic index {Version} in {Seconds:F1} s ({Skipped:N0} of the ledger's passed over: Indonesian or empty).",
            rows.Count, version, Stopwatch.GetElapsedTime(started).TotalSeconds, entries.Count - rows.Count);
    }

    private void Drain()
    {
        var batch = new List<AssessmentRecord>(LiveBatch);
        while (true)
        {
            batch.Clear();
            while (batch.Count < LiveBatch && _queue.TryDequeue(out var record))
            {
                batch.Add(record);
            }
            if (batch.Count == 0)
            {
                lock (_drainGate)
                {
                    // Learn enqueues before it looks at _draining: whatever it added before this check is taken next.
                    if (_queue.IsEmpty)
                    {
                        _draining = false;
                        return;
                    }
                }
                continue;
            }
            try
            {
                LearnBatch(batch);
            }
            catch (Exception e)
            {
                // The drain must go on (it is the only one); the next index version replays what this batch missed.
                logger.LogWarning(e, "{Count} officers' assessments were not learned into the semantic index.", batch.Count);
            }
        }
    }

    private void LearnBatch(List<AssessmentRecord> batch)
    {
        lock (_gate)
        {
            // Before the first index there is nothing to learn into: the first load replays the ledger, which by then
            // has these records, or (the receiving silo's own, not yet read back) will still hand them over.
            if (_serving is null && _preparing is null)
            {
                return;
            }
        }
        var rows = batch.Select(Row).OfType<OfficersRow>().ToList();
        var intoServing = new List<OfficersRow>();
        var intoPreparing = new List<OfficersRow>();
        Target? serving;
        Target? preparing;
        lock (_gate)
        {
            serving = _serving;
            preparing = _preparing;
            foreach (var row in rows)
            {
                if (serving is not null && serving.Ids.Add(row.AssessmentId))
                {
                    intoServing.Add(row);
                }
                if (preparing is not null && preparing.Ids.Add(row.AssessmentId))
                {
                    intoPreparing.Add(row);
                }
            }
        }
        // Two indexes only while a new one is being loaded: its rows are encoded twice for that while, which is rare and brief.
        Add(serving, intoServing);
        Add(preparing, intoPreparing);
    }

    private void Add(Target? target, List<OfficersRow> rows)
    {
        if (target is null || rows.Count == 0)
        {
            return;
        }
        try
        {
            SemanticIndexBuilder.Add(target.Index, target.Embedder, [.. rows.Select(r => (r.Description, r.Code))]);
        }
        catch (Exception e)
        {
            // Not learned, so not taken: the next index version replays them from the ledger.
            lock (_gate)
            {
                foreach (var row in rows)
                {
                    target.Ids.Remove(row.AssessmentId);
                }
            }
            logger.LogWarning(e, "{Rows} officers' assessments did not join the semantic index (first: {AssessmentId}).", rows.Count, LogText.Escape(rows[0].AssessmentId));
        }
    }

    private OfficersRow? Row(AssessmentRecord record) =>
        !string.IsNullOrWhiteSpace(record.Description) && HsCode.TryParse(record.AssessedCode, out var code) && !language.IsIndonesian(record.Description)
            ? new OfficersRow(record.AssessmentId, record.Description, code)
            : null;

    private sealed record OfficersRow(string AssessmentId, string Description, HsCode Code);

    /// <summary>An index and the assessment ids it holds (or is about to: an id is taken before its row is encoded).</summary>
    private sealed class Target(SemanticIndex index, SentenceEmbedder embedder)
    {
        public SemanticIndex Index { get; } = index;

        public SentenceEmbedder Embedder { get; } = embedder;

        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);
    }
}
