using System.Collections.Concurrent;
using System.Text.Json;
using HsActors.Abstractions.Overrides;
using HsActors.Grains.Files;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Overrides;

/// <summary>
/// The embedded <see cref="IOverrideStore"/>: every upsert is a JSON line appended and fsync'd to
/// <c>overrides.jsonl</c> before it is visible, and the table lives in memory for the classification hot path. On
/// open the file is replayed (newest decision wins, a torn last line is cut off) and compacted when it holds replaced rows.
/// </summary>
public sealed class OverrideLog : IOverrideStore, IDisposable
{
    public const string FileName = "overrides.jsonl";

    private readonly string _path;
    private readonly ConcurrentDictionary<OverrideKey, OfficerOverride> _table;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly FileStream _log;
    private int _count;

    private OverrideLog(string path, Dictionary<OverrideKey, OfficerOverride> table)
    {
        _path = path;
        _table = new ConcurrentDictionary<OverrideKey, OfficerOverride>(table);
        _count = table.Count;
        _log = JsonLinesFile.OpenForAppend(path);
    }

    public string Path => _path;

    /// <summary>Replays (and compacts) the table in <paramref name="directory"/>, creating it when missing.</summary>
    public static OverrideLog Open(string directory, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(logger);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        var table = new Dictionary<OverrideKey, OfficerOverride>();
        var rows = 0;
        if (File.Exists(path))
        {
            JsonLinesFile.DropUnfinishedLine(path, logger);
            foreach (var (number, line) in JsonLinesFile.ReadCompleteLines(path))
            {
                var entry = Decode(path, number, line);
                var key = KeyOf(entry);
                if (!table.TryGetValue(key, out var existing) || Supersedes(entry, existing))
                {
                    table[key] = entry;
                }
                rows++;
            }
        }
        if (rows > table.Count)
        {
            JsonLinesFile.ReplaceAtomically(path, stream =>
            {
                foreach (var entry in table.Values)
                {
                    stream.Write(Encode(entry));
                }
            });
            logger.LogInformation("Compacted the override table: {Rows} rows into {Overrides} overrides.", rows, table.Count);
        }
        return new OverrideLog(path, table);
    }

    public ValueTask<OfficerOverride?> FindAsync(string normalizedDescription, string? importerId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Find(normalizedDescription, importerId));

    /// <summary>The synchronous lookup behind <see cref="FindAsync"/>: two dictionary probes at most, none when the table is empty.</summary>
    public OfficerOverride? Find(string normalizedDescription, string? importerId)
    {
        ArgumentNullException.ThrowIfNull(normalizedDescription);
        if (Volatile.Read(ref _count) == 0)
        {
            return null;
        }
        if (importerId is not null && _table.TryGetValue(new OverrideKey(normalizedDescription, importerId), out var own))
        {
            return own;
        }
        return _table.GetValueOrDefault(new OverrideKey(normalizedDescription, null));
    }

    public async Task UpsertAsync(OfficerOverride entry, CancellationToken cancellationToken = default)
    {
        Validate(entry);
        var key = KeyOf(entry);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_table.TryGetValue(key, out var existing) && !Supersedes(entry, existing))
            {
                return; // the same decision again (a replay) or an older one: the table already says the newest
            }
            var before = _log.Length;
            try
            {
                _log.Write(Encode(entry));
                _log.Flush(flushToDisk: true);
            }
            catch
            {
                // Never leave a half line in front of later rows.
                _log.SetLength(before);
                throw;
            }
            if (_table.TryAdd(key, entry))
            {
                Interlocked.Increment(ref _count);
            }
            else
            {
                _table[key] = entry;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public ValueTask<long> CountAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult((long)Volatile.Read(ref _count));

    public void Dispose()
    {
        _writeLock.Wait();
        try
        {
            _log.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Newest assessment wins; a tie in time goes to the larger assessment id so that every replica decides alike.</summary>
    internal static bool Supersedes(OfficerOverride candidate, OfficerOverride existing)
    {
        var byTime = candidate.AssessedAt.CompareTo(existing.AssessedAt);
        return byTime > 0 || (byTime == 0 && string.CompareOrdinal(candidate.AssessmentId, existing.AssessmentId) > 0);
    }

    private static OverrideKey KeyOf(OfficerOverride entry) => new(entry.NormalizedDescription, entry.ImporterId);

    private static void Validate(OfficerOverride entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.NormalizedDescription, nameof(OfficerOverride.NormalizedDescription));
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Code, nameof(OfficerOverride.Code));
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.AssessmentId, nameof(OfficerOverride.AssessmentId));
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.OfficerId, nameof(OfficerOverride.OfficerId));
        if (entry.ImporterId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(entry.ImporterId, nameof(OfficerOverride.ImporterId));
        }
    }

    private static byte[] Encode(OfficerOverride entry)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(entry, OverrideJsonContext.Default.OfficerOverride);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    private static OfficerOverride Decode(string path, int number, string line)
    {
        try
        {
            var entry = JsonSerializer.Deserialize(line, OverrideJsonContext.Default.OfficerOverride)
                ?? throw new InvalidDataException($"{path} line {number} is the JSON literal null.");
            Validate(entry);
            return entry;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{path} line {number} is not a valid override: {e.Message}", e);
        }
    }
}
