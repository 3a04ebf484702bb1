using System.Globalization;
using System.Text;
using HsActors.Abstractions.Streaming;

namespace HsActors.Streaming.LocalLog;

/// <summary>
/// Consumer offsets as one small text file per consumer (<c>&lt;consumer&gt;.offset</c>). A save writes a temporary
/// file, fsyncs it, renames it over the old one and fsyncs the directory: after a crash the file holds either the
/// old or the new offset, never a mix, and an acknowledged save is not lost.
/// </summary>
public sealed class FileStreamOffsetStore : IStreamOffsetStore
{
    private readonly string _directory;

    public FileStreamOffsetStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public async ValueTask<long?> LoadAsync(string consumer, CancellationToken cancellationToken = default)
    {
        var path = PathOf(consumer);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.ASCII, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        if (!long.TryParse(text.AsSpan().TrimEnd('\n'), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            throw new InvalidDataException($"Offset file '{path}' of consumer '{consumer}' does not hold a non-negative integer: '{text}'.");
        return offset;
    }

    public async ValueTask SaveAsync(string consumer, long nextOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nextOffset);
        var path = PathOf(consumer);
        // Unique per save so that two concurrent saves of one consumer never write the same temporary file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await file.WriteAsync(Encoding.ASCII.GetBytes(nextOffset.ToString(CultureInfo.InvariantCulture) + "\n"), cancellationToken)
                    .ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        DirectorySync.Flush(_directory);
    }

    private string PathOf(string consumer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        if (consumer.Length > 200 || !consumer.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || consumer[0] == '.')
            throw new ArgumentException(
                $"Consumer name '{consumer}' must be 1-200 characters of letters, digits, '-', '_' or '.', not starting with '.'.",
                nameof(consumer));
        return Path.Combine(_directory, consumer + ".offset");
    }
}
