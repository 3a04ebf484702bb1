using CsCheck;

namespace HsActors.Fuzzing;

/// <summary>
/// What storage, transfers and careless hands do to files: a byte flipped, a run overwritten with 0x00 or 0xFF, the
/// end cut off, bytes inserted. Each change takes its position as a share of the length, so it fits any file, and
/// returns a changed copy.
/// </summary>
public static class ByteDamage
{
    public static readonly Gen<Func<byte[], byte[]>> Flip =
        Gen.Select(Gen.Double[0, 1], Gen.Byte.Where(b => b != 0), (at, mask) => Changed(at, span => span[0] ^= mask));

    public static readonly Gen<Func<byte[], byte[]>> Overwrite =
        Gen.Select(Gen.Double[0, 1], Gen.Int[1, 9], Gen.OneOf<byte>(0x00, 0xFF, 0x7F, 0x80), (at, length, fill) =>
            Changed(at, span => span[..Math.Min(length, span.Length)].Fill(fill)));

    public static readonly Gen<Func<byte[], byte[]>> Cut =
        Gen.Double[0, 1].Select(at => (Func<byte[], byte[]>)(bytes => bytes[..(int)(bytes.Length * at)]));

    public static readonly Gen<Func<byte[], byte[]>> Any = Gen.Frequency(
        (4, Flip), (2, Overwrite), (2, Cut), (1, Inserting(Gen.Byte.Array[1, 16])));

    public static Gen<Func<byte[], byte[]>> Inserting(Gen<byte[]> inserted) =>
        Gen.Select(Gen.Double[0, 1], inserted, (at, bytes) => (Func<byte[], byte[]>)(file =>
            [.. file.AsSpan(0, (int)(file.Length * at)), .. bytes, .. file.AsSpan((int)(file.Length * at))]));

    private static Func<byte[], byte[]> Changed(double at, SpanChange change) => bytes =>
    {
        var copy = bytes.ToArray();
        if (copy.Length > 0)
        {
            change(copy.AsSpan(Math.Min(copy.Length - 1, (int)(copy.Length * at))));
        }
        return copy;
    };

    private delegate void SpanChange(Span<byte> from);
}
