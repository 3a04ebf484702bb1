namespace HsActors.Learning;

/// <summary>
/// How many bytes a reader's stream still holds, when it can tell: the most a header may announce. A damaged or
/// crafted header claiming two billion features would otherwise have the reader allocate gigabytes before the first
/// missing byte told it the file was short.
/// </summary>
internal static class BinaryReaderRemainder
{
    public static long? Remaining(this BinaryReader reader) =>
        reader.BaseStream.CanSeek ? reader.BaseStream.Length - reader.BaseStream.Position : null;
}
