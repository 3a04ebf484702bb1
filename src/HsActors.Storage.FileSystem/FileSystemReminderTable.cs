using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HsActors.Abstractions.Blobs;

namespace HsActors.Storage.FileSystem;

/// <summary>
/// Orleans' reminder table on local disk, for the embedded single silo, so reminders survive kill -9 (Orleans' own
/// in-memory table forgets them). One blob of the <see cref="FileSystemBlobStore"/> per reminder, written whole or not
/// at all; the blob's ETag is the row's. The name starts with the grain's uniform hash, so the range reads the
/// reminder service makes are a listing and a filter. A silo has a handful of reminders (one per retrained chapter),
/// so a listing per read costs nothing worth an index.
/// </summary>
public sealed class FileSystemReminderTable(FileSystemBlobStore store) : IReminderTable
{
    private const string Prefix = "reminders/";

    public async Task<ReminderTableData> ReadRows(GrainId grainId) =>
        new(await ReadWhereAsync(name => name.StartsWith(GrainPrefix(grainId), StringComparison.Ordinal), row => row.GrainId == grainId).ConfigureAwait(false));

    public async Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        new(await ReadWhereAsync(name => InRange(HashOf(name), begin, end), _ => true).ConfigureAwait(false));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var blob = await store.GetAsync(BlobName(grainId, reminderName)).ConfigureAwait(false);
        return blob is null ? null : Entry(blob);
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new StoredReminder(entry.GrainId.ToString(), entry.ReminderName, entry.StartAt, entry.Period);
        var written = await store.PutAsync(BlobName(entry.GrainId, entry.ReminderName), JsonSerializer.SerializeToUtf8Bytes(row), BlobCondition.None)
            .ConfigureAwait(false);
        return written.Value;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        try
        {
            return await store.DeleteAsync(BlobName(grainId, reminderName), BlobCondition.IfMatch(new BlobETag(eTag))).ConfigureAwait(false);
        }
        catch (BlobConditionFailedException)
        {
            return false; // changed since the caller read it: Orleans' contract for a stale ETag
        }
    }

    public async Task TestOnlyClearTable()
    {
        await foreach (var blob in store.ListAsync(Prefix).ConfigureAwait(false))
        {
            await store.DeleteAsync(blob.Name, BlobCondition.None).ConfigureAwait(false);
        }
    }

    private async Task<List<ReminderEntry>> ReadWhereAsync(Func<string, bool> nameMatches, Func<ReminderEntry, bool> rowMatches)
    {
        var rows = new List<ReminderEntry>();
        await foreach (var properties in store.ListAsync(Prefix).ConfigureAwait(false))
        {
            if (!nameMatches(properties.Name) || await store.GetAsync(properties.Name).ConfigureAwait(false) is not { } blob)
            {
                continue; // another range, or removed since the listing
            }
            var row = Entry(blob);
            if (rowMatches(row))
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    private static ReminderEntry Entry(BlobContent blob)
    {
        var row = JsonSerializer.Deserialize<StoredReminder>(blob.Content.Span)
            ?? throw new InvalidDataException($"Reminder blob {blob.Properties.Name} is empty.");
        return new ReminderEntry
        {
            GrainId = GrainId.Parse(row.GrainId),
            ReminderName = row.Name,
            StartAt = row.StartAt,
            Period = row.Period,
            ETag = blob.ETag.Value,
        };
    }

    /// <summary>(begin, end], wrapping round when begin ≥ end, as <see cref="IReminderTable.ReadRows(uint, uint)"/> defines it.</summary>
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static uint HashOf(string blobName) =>
        uint.Parse(blobName.AsSpan(Prefix.Length, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string GrainPrefix(GrainId grainId) =>
        $"{Prefix}{grainId.GetUniformHashCode():x8}-{Digest(grainId.ToString())}";

    // Grain keys and reminder names are free text: the name carries digests of them, never the text.
    private static string BlobName(GrainId grainId, string reminderName) => $"{GrainPrefix(grainId)}-{Digest(reminderName)}";

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    private sealed record StoredReminder(string GrainId, string Name, DateTime StartAt, TimeSpan Period);
}
