using System.Buffers;
using System.Text;
using System.Text.Json;

namespace HsActors.Grains.Audit;

/// <summary>
/// One JSON writer and buffer per thread for the details of audit entries: a batch builds one entry per line, and a
/// fresh writer and buffer for each showed up in the silo's profile.
/// </summary>
internal static class AuditDetailsJson
{
    // A buffer grown by an unusually large entry is not kept for the thread's lifetime.
    private const int MaxKeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>A writer positioned inside a fresh JSON object; end it with <see cref="Finish"/> on the same thread.</summary>
    public static Utf8JsonWriter Start()
    {
        if (t_buffer is null || t_buffer.Capacity > MaxKeptCapacity)
        {
            t_buffer = new ArrayBufferWriter<byte>(1024);
        }
        t_buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(t_buffer);
        writer.Reset(t_buffer);
        writer.WriteStartObject();
        return writer;
    }

    public static string Finish(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(t_buffer!.WrittenSpan);
    }
}
