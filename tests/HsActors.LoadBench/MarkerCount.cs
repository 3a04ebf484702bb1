namespace HsActors.LoadBench;

/// <summary>
/// Counts a JSON property name (<c>"recommendations":</c>) in a response body as it streams past, so a batch answer can
/// be checked for one result per line without parsing it. Inside JSON strings a quote is escaped, so the marker only
/// matches the property itself.
/// </summary>
internal static class MarkerCount
{
    public static readonly byte[] ResultMarker = "\"recommendations\":"u8.ToArray();

    /// <summary>An answer the semantic stage's encoder took part in.</summary>
    public static readonly byte[] EncoderMarker = "\"encoderConsulted\":true"u8.ToArray();

    /// <summary>An answer the cascade would have sent to the encoder, had a slot been free.</summary>
    public static readonly byte[] EncoderBusyMarker = "\"encoderBusy\":true"u8.ToArray();

    public static int In(ReadOnlySpan<byte> body, ReadOnlySpan<byte> marker)
    {
        var count = 0;
        int at;
        while ((at = body.IndexOf(marker)) >= 0)
        {
            count++;
            body = body[(at + marker.Length)..];
        }
        return count;
    }

    /// <summary>Reads <paramref name="stream"/> to its end; returns the bytes read and the markers seen.</summary>
    public static async Task<(long Bytes, int Markers)> DrainAsync(Stream stream, byte[] marker, byte[] buffer)
    {
        // The last marker.Length - 1 bytes of each read are kept in front of the next one, so a marker split across
        // two reads is seen once: a whole marker never fits in the kept part.
        var keep = marker.Length - 1;
        var kept = 0;
        long total = 0;
        var markers = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer.AsMemory(kept))) > 0)
        {
            total += n;
            var filled = kept + n;
            markers += In(buffer.AsSpan(0, filled), marker);
            kept = Math.Min(keep, filled);
            buffer.AsSpan(filled - kept, kept).CopyTo(buffer);
        }
        return (total, markers);
    }
}
