using System.Buffers;
using HsActors.Abstractions.Streaming;

namespace HsActors.Streaming.LocalLog;

/// <summary>
/// Reads a log from the start on open, handing every good record to the index builder, and decides what an
/// unreadable record means: a torn tail (cut off by the caller) or corruption of acknowledged data (an exception).
/// </summary>
internal static class AssessmentLogScanner
{
    /// <returns>The length of the good prefix; anything after it is a torn tail to truncate.</returns>
    public static long Scan(Stream file, string path, LocalLogOptions options, Action<long, long, AssessmentRecord> onRecord)
    {
        var length = file.Length;
        long position = 0, offset = 0;
        Span<byte> header = stackalloc byte[LogRecordFormat.HeaderSize];
        var payload = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (position < length)
            {
                var remaining = length - position;
                string problem;
                if (remaining < LogRecordFormat.HeaderSize)
                {
                    problem = $"only {remaining} bytes of a record header";
                }
                else
                {
                    file.ReadExactly(header);
                    var (recordLength, checksum) = LogRecordFormat.ReadHeader(header);
                    if (recordLength == 0 || recordLength > (uint)options.MaxRecordBytes)
                    {
                        problem = $"record length {recordLength} is outside 1..{options.MaxRecordBytes}";
                    }
                    else if (recordLength > remaining - LogRecordFormat.HeaderSize)
                    {
                        problem = $"record of {recordLength} bytes runs past the end of the file";
                    }
                    else
                    {
                        if (payload.Length < recordLength)
                        {
                            ArrayPool<byte>.Shared.Return(payload);
                            payload = ArrayPool<byte>.Shared.Rent((int)recordLength);
                        }
                        var body = payload.AsSpan(0, (int)recordLength);
                        file.ReadExactly(body);
                        if (Crc32C.Compute(body) == checksum)
                        {
                            onRecord(offset, position, Decode(body, path, offset, position));
                            position += LogRecordFormat.HeaderSize + recordLength;
                            offset++;
                            continue;
                        }
                        problem = "checksum mismatch";
                    }
                }

                if (IsTornTail(file, path, options, position, length, offset, problem))
                    return position;
                throw new AssessmentLogCorruptedException(path, offset, position,
                    $"{problem}, and intact records follow it, so it is not a torn tail");
            }
            return position;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    private static AssessmentRecord Decode(ReadOnlySpan<byte> payload, string path, long offset, long position)
    {
        try
        {
            return AssessmentRecordCodec.Decode(payload);
        }
        catch (InvalidDataException e)
        {
            // The checksum matched, so these bytes were written whole: not a torn write but a bad record.
            throw new AssessmentLogCorruptedException(path, offset, position, e.Message);
        }
    }

    // A crash can only damage the last, unsynced group commit, and nothing is ever written after it. So a bad record
    // is a torn tail exactly when no intact record starts anywhere after it and the bad region fits in one batch.
    private static bool IsTornTail(Stream file, string path, LocalLogOptions options, long badPosition, long length, long offset, string problem)
    {
        var remaining = length - badPosition;
        if (remaining > options.MaxBatchBytes)
            throw new AssessmentLogCorruptedException(path, offset, badPosition,
                $"{problem}, and the {remaining} bytes from there to the end are more than one unfinished write can leave");
        var region = new byte[remaining];
        file.Position = badPosition;
        file.ReadExactly(region);
        for (var start = 1; start < region.Length; start++)
        {
            if (LogRecordFormat.IsValidRecordAt(region, start, options.MaxRecordBytes))
                return false;
        }
        return true;
    }
}
