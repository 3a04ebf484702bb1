using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using HsActors.Abstractions.Statistics;
using HsActors.Grains.Files;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Statistics;

/// <summary>
/// The embedded <see cref="IImporterStatisticsStore"/>: an append-only JSON-lines log of deltas under one directory,
/// replayed into memory on open. One writer drains every append waiting at that moment into a single write and one
/// fsync (group commit), so concurrent importers and whole batches share a sync; an append completes only after it.
/// The log is compacted into per-importer snapshots on open and whenever it outgrows <see cref="CompactionThreshold"/>.
/// </summary>
public sealed class ImporterDeltaLog : IImporterStatisticsStore, IAsyncDisposable
{
    public const string FileName = "importers.log";

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ImporterStatistics> _statistics;
    private readonly Lock _statisticsLock = new();
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private FileStream _log;
    private Exception? _broken;

    private ImporterDeltaLog(string path, Dictionary<string, ImporterStatistics> statistics, long compactionThreshold, ILogger logger)
    {
        _path = path;
        _statistics = statistics;
        _logger = logger;
        CompactionThreshold = compactionThreshold;
        _log = JsonLinesFile.OpenForAppend(path);
        _writer = Task.Run(WriteLoopAsync);
    }

    public long CompactionThreshold { get; }

    public int ImporterCount
    {
        get
        {
            lock (_statisticsLock)
            {
                return _statistics.Count;
            }
        }
    }

    /// <summary>Replays (and compacts) the log in <paramref name="directory"/>, creating it when missing.</summary>
    public static ImporterDeltaLog Open(string directory, ILogger logger, long compactionThreshold = 64L << 20)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var statistics = Replay(path, logger, out var entries);
        if (entries > statistics.Count)
        {
            WriteSnapshot(path, statistics.Values);
            logger.LogInformation("Compacted the importer log: {Entries} entries into {Importers} importers.", entries, statistics.Count);
        }
        return new ImporterDeltaLog(path, statistics, compactionThreshold, logger);
    }

    public ValueTask<ImporterStatistics?> ReadAsync(string importerId, CancellationToken cancellationToken = default)
    {
        lock (_statisticsLock)
        {
            return ValueTask.FromResult(_statistics.GetValueOrDefault(importerId));
        }
    }

    public Task AppendAsync(IReadOnlyList<ImporterDelta> deltas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        if (deltas.Count == 0)
        {
            return Task.CompletedTask;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite(new PendingAppend(deltas, done)))
        {
            throw new ObjectDisposedException(nameof(ImporterDeltaLog), "The importer log is closed.");
        }
        return done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _log.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (_pending.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                if (_broken is not null)
                {
                    throw new IOException("The importer log failed earlier and accepts no more writes; restart the silo.", _broken);
                }
                buffer.Clear();
                foreach (var pending in batch)
                {
                    foreach (var delta in pending.Deltas)
                    {
                        AppendLine(buffer, new DeltaLogEntry(delta, null));
                    }
                }
                WriteDurably(buffer.WrittenSpan);
                lock (_statisticsLock)
                {
                    foreach (var delta in batch.SelectMany(p => p.Deltas))
                    {
                        var current = _statistics.GetValueOrDefault(delta.ImporterId) ?? ImporterStatistics.Empty(delta.ImporterId);
                        _statistics[delta.ImporterId] = current.Apply(delta);
                    }
                }
                batch.ForEach(p => p.Done.TrySetResult());
                CompactIfLarge();
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Writing {Count} importer deltas failed; their callers get the error.", batch.Sum(p => p.Deltas.Count));
                batch.ForEach(p => p.Done.TrySetException(e));
            }
        }
    }

    /// <summary>Writes and fsyncs; on failure cuts the file back so a half-written line never precedes later entries.</summary>
    private void WriteDurably(ReadOnlySpan<byte> bytes)
    {
        var before = _log.Length;
        try
        {
            _log.Write(bytes);
            _log.Flush(flushToDisk: true);
        }
        catch (Exception e)
        {
            try
            {
                _log.SetLength(before);
                _log.Seek(before, SeekOrigin.Begin);
            }
            catch (Exception truncate)
            {
                _broken = new AggregateException(e, truncate);
            }
            throw;
        }
    }

    private void CompactIfLarge()
    {
        if (_log.Length < CompactionThreshold)
        {
            return;
        }
        ImporterStatistics[] snapshot;
        lock (_statisticsLock)
        {
            snapshot = [.. _statistics.Values];
        }
        _log.Dispose();
        WriteSnapshot(_path, snapshot);
        _log = JsonLinesFile.OpenForAppend(_path);
        _logger.LogInformation("Compacted the importer log to {Importers} importer snapshots.", snapshot.Length);
    }

    private static void AppendLine(ArrayBufferWriter<byte> buffer, DeltaLogEntry entry)
    {
        using (var json = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(json, entry, ImporterLogJsonContext.Default.DeltaLogEntry);
        }
        buffer.Write("\n"u8);
    }

    /// <summary>The whole state as snapshots, replacing the log atomically.</summary>
    private static void WriteSnapshot(string path, IEnumerable<ImporterStatistics> statistics) =>
        JsonLinesFile.ReplaceAtomically(path, stream =>
        {
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            foreach (var importer in statistics)
            {
                AppendLine(buffer, new DeltaLogEntry(null, importer));
                if (buffer.WrittenCount > 1 << 20)
                {
                    stream.Write(buffer.WrittenSpan);
                    buffer.Clear();
                }
            }
            stream.Write(buffer.WrittenSpan);
        });

    private static Dictionary<string, ImporterStatistics> Replay(string path, ILogger logger, out int entries)
    {
        var statistics = new Dictionary<string, ImporterStatistics>(StringComparer.Ordinal);
        entries = 0;
        if (!File.Exists(path))
        {
            return statistics;
        }
        JsonLinesFile.DropUnfinishedLine(path, logger);
        using var reader = new StreamReader(path);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            DeltaLogEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize(line, ImporterLogJsonContext.Default.DeltaLogEntry);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path} line {lineNumber} is not a valid importer log entry: {e.Message}", e);
            }
            if (entry?.Snapshot is { } snapshot)
            {
                statistics[snapshot.ImporterId] = snapshot;
            }
            else if (entry?.Delta is { } delta)
            {
                var current = statistics.GetValueOrDefault(delta.ImporterId) ?? ImporterStatistics.Empty(delta.ImporterId);
                statistics[delta.ImporterId] = current.Apply(delta);
            }
            else
            {
                throw new InvalidDataException($"{path} line {lineNumber} holds neither a delta nor a snapshot.");
            }
            entries++;
        }
        return statistics;
    }

    private sealed record PendingAppend(IReadOnlyList<ImporterDelta> Deltas, TaskCompletionSource Done);
}
