using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HsActors.Abstractions.Audit;
using HsActors.Grains.Files;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Audit;

/// <summary>
/// The embedded <see cref="IAuditTrail"/>: one JSON-lines file per UTC day (<c>audit-2025-01-31.jsonl</c>) under one
/// directory. A single writer drains the queue every <see cref="AuditLogOptions.FlushInterval"/>, or at once when a
/// durable append waits, writing everything queued in one write; a durable append completes after the fsync that
/// covers it (and so makes every entry queued before it durable too).
/// </summary>
public sealed class AuditLog : IAuditTrail, IAsyncDisposable
{
    private const string FilePrefix = "audit-";
    private const string FileSuffix = ".jsonl";
    private const string DateFormat = "yyyy-MM-dd";

    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly AuditLogOptions _options;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private FileStream? _file;
    private DateOnly _fileDate;
    private int _disposed;

    private AuditLog(string directory, ILogger logger, TimeProvider time, AuditLogOptions options)
    {
        _directory = directory;
        _logger = logger;
        _time = time;
        _options = options;
        _writer = Task.Run(WriteLoopAsync);
    }

    public string Directory => _directory;

    /// <summary>Opens the trail in <paramref name="directory"/> (created when missing), cutting off lines torn by a crash.</summary>
    public static AuditLog Open(string directory, ILogger logger, TimeProvider? time = null, AuditLogOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(logger);
        options ??= new AuditLogOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.FlushInterval, TimeSpan.Zero, nameof(AuditLogOptions.FlushInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueryLimit, 1, nameof(AuditLogOptions.MaxQueryLimit));
        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(directory);
        foreach (var (path, _) in DayFiles(directory))
        {
            JsonLinesFile.DropUnfinishedLine(path, logger);
        }
        return new AuditLog(directory, logger, time ?? TimeProvider.System, options);
    }

    public void Append(AuditEntry entry)
    {
        Validate(entry);
        if (Volatile.Read(ref _disposed) != 0)
        {
            // Answers still in flight while the silo shuts down: nothing can be written any more.
            _logger.LogWarning("Audit entry {Id} ({Kind}) arrived after the audit trail closed and is not recorded.", entry.Id, entry.Kind);
            return;
        }
        _queue.Enqueue(new Pending(entry, null, Durable: false));
    }

    public Task AppendDurableAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Validate(entry);
        return EnqueueAndWaitAsync(entry, durable: true, cancellationToken);
    }

    public async IAsyncEnumerable<AuditEntry> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(AuditQuery.Limit));
        var limit = Math.Min(query.Limit, _options.MaxQueryLimit);
        // What was appended before the query is part of its answer.
        await EnqueueAndWaitAsync(null, durable: false, cancellationToken).ConfigureAwait(false);

        // An entry lands in the file of the day it was written, which can be a day after its own time (a write just
        // after midnight), never before: a day's file may hold entries of the previous day.
        var firstDay = query.From is { } from ? DateOnly.FromDateTime(from.UtcDateTime) : DateOnly.MinValue;
        var lastDay = query.To is { } to && DateOnly.FromDateTime(to.UtcDateTime) is var toDay && toDay < DateOnly.MaxValue ? toDay.AddDays(1) : DateOnly.MaxValue;
        var returned = 0;
        foreach (var (path, day) in DayFiles(_directory))
        {
            if (day < firstDay || day > lastDay)
            {
                continue;
            }
            foreach (var (number, line) in JsonLinesFile.ReadCompleteLines(path))
            {
                cancellationToken.ThrowIfCancellationRequested();
                AuditEntry entry;
                try
                {
                    entry = AuditLineCodec.Read(line);
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or ArgumentException or InvalidOperationException or FormatException)
                {
                    throw new InvalidDataException($"{path} line {number} is not an audit entry: {e.Message}", e);
                }
                if (Matches(query, entry))
                {
                    yield return entry;
                    if (++returned >= limit)
                    {
                        yield break;
                    }
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        _file?.Dispose();
        _stopping.Dispose();
    }

    private Task EnqueueAndWaitAsync(AuditEntry? entry, bool durable, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue(new Pending(entry, done, durable));
        _wake.Release();
        return done.Task.WaitAsync(cancellationToken);
    }

    private static bool Matches(AuditQuery query, AuditEntry entry) =>
        (query.Kind is not { } kind || entry.Kind == kind)
        && (query.Subject is not { } subject || string.Equals(entry.Subject, subject, StringComparison.Ordinal))
        && (query.From is not { } from || entry.At >= from)
        && (query.To is not { } to || entry.At <= to);

    private static void Validate(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Id, nameof(AuditEntry.Id));
        ArgumentNullException.ThrowIfNull(entry.Actor, nameof(AuditEntry.Actor));
        ArgumentNullException.ThrowIfNull(entry.Subject, nameof(AuditEntry.Subject));
        ArgumentNullException.ThrowIfNull(entry.Details, nameof(AuditEntry.Details));
        if (!Enum.IsDefined(entry.Kind))
        {
            throw new ArgumentException($"Audit kind {(int)entry.Kind} is not defined.", nameof(entry));
        }
    }

    private static IEnumerable<(string Path, DateOnly Day)> DayFiles(string directory) =>
        System.IO.Directory.EnumerateFiles(directory, FilePrefix + "*" + FileSuffix)
            .Select(path => (Path: path, Name: Path.GetFileName(path)))
            .Select(f => (f.Path, Parsed: DateOnly.TryParseExact(
                f.Name.AsSpan(FilePrefix.Length, f.Name.Length - FilePrefix.Length - FileSuffix.Length),
                DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day), Day: day))
            .Where(f => f.Parsed)
            .OrderBy(f => f.Day)
            .Select(f => (f.Path, f.Day))
            .ToList();

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        await using var json = new Utf8JsonWriter(buffer);
        var stopping = false;
        while (!stopping)
        {
            try
            {
                await _wake.WaitAsync(_options.FlushInterval, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                stopping = true; // one last round writes what is still queued
            }
            batch.Clear();
            while (_queue.TryDequeue(out var pending))
            {
                batch.Add(pending);
            }
            if (batch.Count > 0)
            {
                WriteBatch(batch, buffer, json);
            }
        }
        // Racing the close: a waiter that queued after the last round is told rather than left hanging.
        while (_queue.TryDequeue(out var late))
        {
            late.Done?.TrySetException(new ObjectDisposedException(nameof(AuditLog)));
        }
    }

    private void WriteBatch(List<Pending> batch, ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        try
        {
            buffer.Clear();
            var durable = false;
            foreach (var pending in batch)
            {
                durable |= pending.Durable;
                if (pending.Entry is { } entry)
                {
                    AuditLineCodec.Write(buffer, json, entry);
                }
            }
            if (buffer.WrittenCount > 0)
            {
                var file = CurrentFile();
                var before = file.Length;
                try
                {
                    file.Write(buffer.WrittenSpan);
                    if (durable)
                    {
                        file.Flush(flushToDisk: true);
                    }
                }
                catch
                {
                    file.SetLength(before);
                    throw;
                }
            }
            foreach (var pending in batch)
            {
                pending.Done?.TrySetResult();
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Writing {Count} audit entries failed.", batch.Count(p => p.Entry is not null));
            foreach (var pending in batch)
            {
                pending.Done?.TrySetException(e);
            }
        }
    }

    private FileStream CurrentFile()
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        if (_file is null || today != _fileDate)
        {
            // The previous day's entries were made durable by the durable appends that needed it; sync the rest now.
            _file?.Flush(flushToDisk: true);
            _file?.Dispose();
            var path = Path.Combine(_directory, FilePrefix + today.ToString(DateFormat, CultureInfo.InvariantCulture) + FileSuffix);
            _file = JsonLinesFile.OpenForAppend(path);
            _fileDate = today;
        }
        return _file;
    }

    /// <param name="Entry">Null for a flush that only waits for everything queued before it.</param>
    /// <param name="Done">Set for durable appends and flushes: completed once the batch holding it is written.</param>
    /// <param name="Durable">The batch holding it is fsync'd before <paramref name="Done"/> completes.</param>
    private readonly record struct Pending(AuditEntry? Entry, TaskCompletionSource? Done, bool Durable);
}
