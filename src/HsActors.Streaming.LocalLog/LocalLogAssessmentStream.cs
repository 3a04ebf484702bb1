using System.Buffers;
using System.Runtime.CompilerServices;
using HsActors.Abstractions.Streaming;
using Microsoft.Win32.SafeHandles;

namespace HsActors.Streaming.LocalLog;

/// <summary>
/// Embedded-mode assessment stream: one append-only file of checksummed records (<see cref="LogRecordFormat"/>).
/// An append returns only after its bytes are fsync'd. Concurrent appends are group-committed: whoever holds the
/// write lock writes every append queued so far with one write and one fsync, so throughput grows with the number
/// of waiting callers instead of being capped at one fsync per assessment.
/// </summary>
public sealed class LocalLogAssessmentStream : IAssessmentStream
{
    private readonly string _path;
    private readonly LocalLogOptions _options;
    private readonly FileStream _writer;
    private readonly FileStream _writerLock;
    private readonly SafeFileHandle _readHandle;
    private readonly Dictionary<string, long> _offsetById;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private List<PendingAppend> _pending = [];
    private List<PendingAppend> _batch = [];

    // Published to readers without a lock: the array is swapped before the count grows, so any count a reader sees
    // is covered by the array it reads next.
    private long[] _positions;
    private long _count;
    private long _endPosition;
    private TaskCompletionSource _appended = NewSignal();
    private Exception? _fault;
    private long _syncCount;
    private int _disposed;

    private LocalLogAssessmentStream(string path, LocalLogOptions options, FileStream writerLock, FileStream writer, SafeFileHandle readHandle,
        long[] positions, long count, Dictionary<string, long> offsetById, long endPosition, long truncatedBytes)
    {
        _path = path;
        _options = options;
        _writerLock = writerLock;
        _writer = writer;
        _readHandle = readHandle;
        _positions = positions;
        _count = count;
        _offsetById = offsetById;
        _endPosition = endPosition;
        TruncatedTailBytes = truncatedBytes;
    }

    /// <summary>
    /// Opens (or creates) the log at <paramref name="path"/>, rebuilding the offset and id indexes. A torn tail
    /// left by a crash is truncated; a damaged record before the tail throws <see cref="AssessmentLogCorruptedException"/>.
    /// Only one stream may have a log open for writing; a second open throws <see cref="IOException"/>.
    /// </summary>
    public static LocalLogAssessmentStream Open(string path, LocalLogOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new LocalLogOptions();
        options.Validate();
        path = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var created = !File.Exists(path);

        var writerLock = AcquireWriterLock(path, options.LockWait);

        FileStream writer;
        try
        {
            writer = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        }
        catch
        {
            writerLock.Dispose();
            throw;
        }

        SafeFileHandle? readHandle = null;
        try
        {
            if (created)
                DirectorySync.Flush(directory);

            var positions = new long[1024];
            var offsetById = new Dictionary<string, long>(StringComparer.Ordinal);
            long count = 0;
            long goodLength;
            using (var scan = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16))
            {
                goodLength = AssessmentLogScanner.Scan(scan, path, options, (offset, position, record) =>
                {
                    if (offset == positions.Length)
                        Array.Resize(ref positions, positions.Length * 2);
                    positions[offset] = position;
                    count = offset + 1;
                    if (!offsetById.TryAdd(record.AssessmentId, offset))
                        throw new AssessmentLogCorruptedException(path, offset, position,
                            $"assessment '{record.AssessmentId}' is already stored at offset {offsetById[record.AssessmentId]}");
                });
            }

            var truncated = writer.Length - goodLength;
            if (truncated > 0)
            {
                writer.SetLength(goodLength);
                writer.Flush(flushToDisk: true);
            }
            writer.Position = goodLength;
            readHandle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new LocalLogAssessmentStream(path, options, writerLock, writer, readHandle, positions, count, offsetById, goodLength, truncated);
        }
        catch
        {
            readHandle?.Dispose();
            writer.Dispose();
            writerLock.Dispose();
            throw;
        }
    }

    public string LogPath => _path;

    /// <summary>Number of records in the log.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Bytes of a torn tail cut off when this log was opened (0 after a clean shutdown).</summary>
    public long TruncatedTailBytes { get; }

    /// <summary>fsyncs issued by appends since open; fewer than the appends when group commit combined them.</summary>
    public long SyncCount => Interlocked.Read(ref _syncCount);

    public async ValueTask<StreamAppendResult> AppendAsync(AssessmentRecord record, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var payload = AssessmentRecordCodec.Encode(record);
        if (payload.Length > _options.MaxRecordBytes)
            throw new ArgumentException(
                $"Assessment '{record.AssessmentId}' encodes to {payload.Length} bytes; the log accepts at most {_options.MaxRecordBytes}.",
                nameof(record));

        var request = new PendingAppend(record.AssessmentId, payload);
        lock (_pending)
            _pending.Add(request);

        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_pending)
            {
                if (_pending.Remove(request))
                    throw;
            }
            // Another caller's group commit already took it: its outcome is decided, report it.
            return await request.Result.Task.ConfigureAwait(false);
        }

        try
        {
            while (!request.Result.Task.IsCompleted)
                CommitNextBatch();
        }
        finally
        {
            _writeLock.Release();
        }
        return await request.Result.Task.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<StreamEntry> ReadAsync(long fromOffset, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var next = fromOffset;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Take the signal before looking at the count: an append that lands in between completes this signal.
            var appended = Volatile.Read(ref _appended).Task;
            if (next < Volatile.Read(ref _count))
            {
                var position = Volatile.Read(ref _positions)[next];
                yield return new StreamEntry(next, ReadRecordAt(next, position));
                next++;
                continue;
            }
            await WaitForAppendAsync(appended, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// FileShare.None takes an exclusive lock (flock on Unix) on a companion file for as long as the log is open, so two
    /// streams, in this process or another, can never interleave appends.
    /// </summary>
    private static FileStream AcquireWriterLock(string path, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }
            catch (IOException e) when (DateTime.UtcNow + delay > deadline)
            {
                throw new IOException($"Assessment log '{path}' is already open for appending (its .lock file is held): {e.Message}", e);
            }
            catch (IOException)
            {
                Thread.Sleep(delay);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _disposing.CancelAsync().ConfigureAwait(false);
        // Waiting for the lock lets an in-flight group commit finish its fsync before the file closes.
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_pending)
            {
                foreach (var request in _pending)
                    request.Result.TrySetException(new ObjectDisposedException(nameof(LocalLogAssessmentStream)));
                _pending.Clear();
            }
            await _writer.DisposeAsync().ConfigureAwait(false);
            _readHandle.Dispose();
            await _writerLock.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task WaitForAppendAsync(Task appended, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        try
        {
            await appended.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(LocalLogAssessmentStream), $"Assessment log '{_path}' was closed while a reader was waiting.");
        }
    }

    // Runs under _writeLock. Takes queued appends (up to MaxBatchBytes), writes them with one write and one fsync,
    // then publishes them to readers and completes the callers.
    private void CommitNextBatch()
    {
        lock (_pending)
        {
            var bytes = 0;
            var taken = 0;
            while (taken < _pending.Count && (taken == 0 || bytes + _pending[taken].EncodedSize <= _options.MaxBatchBytes))
            {
                bytes += _pending[taken].EncodedSize;
                taken++;
            }
            _batch.Clear();
            _batch.AddRange(_pending.Take(taken));
            _pending.RemoveRange(0, taken);
        }
        if (_fault is not null || Volatile.Read(ref _disposed) != 0)
        {
            Exception error = _fault is null
                ? new ObjectDisposedException(nameof(LocalLogAssessmentStream), $"Assessment log '{_path}' is closed.")
                : new IOException($"Assessment log '{_path}' failed earlier and must be reopened.", _fault);
            foreach (var request in _batch)
                request.Result.TrySetException(error);
            return;
        }

        var firstOffset = _count;
        var newRecords = 0;
        var size = 0;
        foreach (var request in _batch)
        {
            if (_offsetById.TryGetValue(request.AssessmentId, out var existing))
            {
                request.Offset = existing;
                request.Duplicate = true;
                continue;
            }
            request.Offset = firstOffset + newRecords++;
            _offsetById.Add(request.AssessmentId, request.Offset);
            size += request.EncodedSize;
        }

        if (newRecords > 0 && !TryWriteDurably(size, firstOffset, newRecords))
            return;
        foreach (var request in _batch)
            request.Result.TrySetResult(new StreamAppendResult(request.Offset, request.Duplicate));
    }

    private bool TryWriteDurably(int size, long firstOffset, int newRecords)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var positions = _positions;
            var needed = firstOffset + newRecords;
            if (needed > positions.Length)
            {
                var grown = new long[Math.Max(needed, positions.Length * 2)];
                Array.Copy(positions, grown, firstOffset);
                positions = grown;
            }

            var used = 0;
            foreach (var request in _batch)
            {
                if (request.Duplicate)
                    continue;
                positions[request.Offset] = _endPosition + used;
                LogRecordFormat.WriteRecord(buffer.AsSpan(used), request.Payload);
                used += request.EncodedSize;
            }

            try
            {
                _options.BeforeBatchWrite?.Invoke();
                _writer.Write(buffer, 0, used);
                _writer.Flush(flushToDisk: true);
                Interlocked.Increment(ref _syncCount);
            }
            catch (Exception e)
            {
                FailBatch(e, firstOffset);
                return false;
            }

            Volatile.Write(ref _positions, positions);
            _endPosition += used;
            Volatile.Write(ref _count, firstOffset + newRecords);
            Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The write or fsync failed (disk full, I/O error): none of the batch is acknowledged, so cut the file back to the
    // last durable record. If even that fails the file's tail is unknown and the stream refuses further appends.
    private void FailBatch(Exception error, long firstOffset)
    {
        foreach (var request in _batch)
        {
            if (!request.Duplicate)
                _offsetById.Remove(request.AssessmentId);
        }
        try
        {
            _writer.SetLength(_endPosition);
            _writer.Position = _endPosition;
            _writer.Flush(flushToDisk: true);
        }
        catch (Exception truncateError)
        {
            _fault = new AggregateException(error, truncateError);
        }
        foreach (var request in _batch)
        {
            // A duplicate of an already durable record is still answered; everything of this batch failed.
            if (request.Offset < firstOffset)
                request.Result.TrySetResult(new StreamAppendResult(request.Offset, Duplicate: true));
            else
                request.Result.TrySetException(new IOException($"Appending to assessment log '{_path}' failed: {error.Message}", error));
        }
    }

    private AssessmentRecord ReadRecordAt(long offset, long position)
    {
        Span<byte> header = stackalloc byte[LogRecordFormat.HeaderSize];
        ReadExactlyAt(header, position);
        var (length, checksum) = LogRecordFormat.ReadHeader(header);
        if (length == 0 || length > (uint)_options.MaxRecordBytes)
            throw new AssessmentLogCorruptedException(_path, offset, position, $"record length {length} is outside 1..{_options.MaxRecordBytes}");
        var payload = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var body = payload.AsSpan(0, (int)length);
            ReadExactlyAt(body, position + LogRecordFormat.HeaderSize);
            if (Crc32C.Compute(body) != checksum)
                throw new AssessmentLogCorruptedException(_path, offset, position, "checksum mismatch");
            try
            {
                return AssessmentRecordCodec.Decode(body);
            }
            catch (InvalidDataException e)
            {
                throw new AssessmentLogCorruptedException(_path, offset, position, e.Message);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    private void ReadExactlyAt(Span<byte> destination, long position)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(_readHandle, destination, position);
            if (read == 0)
                throw new EndOfStreamException($"Assessment log '{_path}' ends inside a record at byte {position}.");
            destination = destination[read..];
            position += read;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class PendingAppend(string assessmentId, byte[] payload)
    {
        public string AssessmentId { get; } = assessmentId;
        public byte[] Payload { get; } = payload;
        public int EncodedSize => LogRecordFormat.HeaderSize + Payload.Length;
        public TaskCompletionSource<StreamAppendResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long Offset { get; set; }
        public bool Duplicate { get; set; }
    }
}
