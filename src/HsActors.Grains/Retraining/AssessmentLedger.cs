using HsActors.Abstractions.Streaming;
using HsActors.Grains.Models;
using HsActors.Nomenclature;

namespace HsActors.Grains.Retraining;

/// <summary>
/// Every assessment read from the stream, indexed by the keys it touches: the chapter of its assessed code, and the
/// router when the declared code was in another chapter (the line moves between chapters). Keyed by assessment id,
/// so a replayed entry rewrites the same value and is never counted twice.
/// </summary>
public sealed class AssessmentLedger
{
    private readonly Dictionary<string, Dictionary<string, LedgerEntry>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerEntry> _all = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The offset after the last entry read.</summary>
    public long NextOffset { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _all.Count;
            }
        }
    }

    /// <returns>The keys the entry touches; empty when its assessed code is not usable for training.</returns>
    public IReadOnlyList<string> Add(StreamEntry entry)
    {
        var record = entry.Record;
        lock (_gate)
        {
            NextOffset = Math.Max(NextOffset, entry.Offset + 1);
            if (!HsCode.TryParse(record.AssessedCode, out var assessed))
            {
                return [];
            }
            var ledgerEntry = new LedgerEntry(entry.Offset, record, assessed.AtMostNationalLine());
            _all[record.AssessmentId] = ledgerEntry;
            var touched = new List<string>(2) { assessed.Chapter.Digits };
            if (record.DeclaredCode is { } declaredText && HsCode.TryParse(declaredText, out var declared) && declared.Chapter != assessed.Chapter)
            {
                touched.Add(IModelStore.RouterKey);
            }
            foreach (var key in touched)
            {
                if (!_byKey.TryGetValue(key, out var entries))
                {
                    _byKey[key] = entries = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
                }
                entries[record.AssessmentId] = ledgerEntry;
            }
            return touched;
        }
    }

    /// <summary>The key's assessments in offset order (for the router: every assessment, since all teach chapters).</summary>
    public IReadOnlyList<LedgerEntry> For(string key)
    {
        lock (_gate)
        {
            IEnumerable<LedgerEntry> entries = key == IModelStore.RouterKey ? _all.Values : (IEnumerable<LedgerEntry>?)_byKey.GetValueOrDefault(key)?.Values ?? [];
            return [.. entries.OrderBy(e => e.Offset)];
        }
    }

    /// <summary>Every usable assessment in offset order (what the semantic stage replays into a new index).</summary>
    public IReadOnlyList<LedgerEntry> All()
    {
        lock (_gate)
        {
            return [.. _all.Values.OrderBy(e => e.Offset)];
        }
    }

    /// <summary>How many of the key's own assessments lie at or after <paramref name="fromOffset"/>.</summary>
    public int CountFrom(string key, long fromOffset)
    {
        lock (_gate)
        {
            return _byKey.GetValueOrDefault(key)?.Values.Count(e => e.Offset >= fromOffset) ?? 0;
        }
    }

    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_gate)
            {
                return [.. _byKey.Keys];
            }
        }
    }
}
