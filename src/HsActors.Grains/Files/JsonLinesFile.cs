using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Files;

/// <summary>
/// The durability rules every embedded JSON-lines log here follows (importer deltas, overrides, audit): whole lines
/// are appended and fsync'd, a line without its newline is a write that crashed before its sync returned, and a
/// compaction replaces the file by a synced temporary file renamed over it.
/// </summary>
internal static class JsonLinesFile
{
    /// <summary>Append-only and unbuffered, so every <c>Write</c> reaches the OS at once and a flush is only the fsync.</summary>
    public static FileStream OpenForAppend(string path) =>
        new(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);

    /// <summary>
    /// A line without its newline at the end of the file was never acknowledged to anyone: cut it off rather than
    /// refuse to start.
    /// </summary>
    /// <returns>How many bytes were cut.</returns>
    public static long DropUnfinishedLine(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            return 0;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var length = stream.Length;
        var end = length;
        var one = new byte[1];
        while (end > 0)
        {
            stream.Seek(end - 1, SeekOrigin.Begin);
            stream.ReadExactly(one);
            if (one[0] == (byte)'\n')
            {
                break;
            }
            end--;
        }
        if (end < length)
        {
            stream.SetLength(end);
            stream.Flush(flushToDisk: true);
            logger.LogWarning("Dropped {Bytes} bytes of an unfinished write at the end of {Path}.", length - end, path);
        }
        return length - end;
    }

    /// <summary>Writes the whole new content into a temporary file, syncs it, then renames it over <paramref name="path"/>: a crash leaves one or the other.</summary>
    public static void ReplaceAtomically(string path, Action<Stream> write)
    {
        var temp = path + ".compacting";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// The complete lines of the file, read while writers may be appending: a trailing line without its newline is a
    /// write in progress (or torn by a crash) and is not returned.
    /// </summary>
    public static IEnumerable<(int Number, string Text)> ReadCompleteLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var number = 0;
        var pending = new System.Text.StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    continue;
                }
                pending.Append(buffer, start, i - start);
                start = i + 1;
                number++;
                var line = pending.ToString();
                pending.Clear();
                if (line.Length > 0)
                {
                    yield return (number, line);
                }
            }
            pending.Append(buffer, start, read - start);
        }
    }
}
