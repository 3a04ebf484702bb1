namespace HsActors.Classification.Semantic;

/// <summary>
/// How many lines may be in the encoder at once before the cascade stops sending more. The encoder costs milliseconds
/// a line where the hierarchy costs tens of microseconds, so on a loaded silo a queue of encodes would make every line
/// wait behind it; past the limit a cascade line keeps the hierarchy's answer at once (and says the encoder was busy).
/// Nothing ever blocks here: waiting for a slot on the request's thread starved the silo's thread pool (p99 at 200
/// requests/s went from 23 to 58–98 ms with waits of 5–10 ms). Lines in full mode are always admitted, and count
/// against the limit. Thread-safe.
/// </summary>
public sealed class EncoderAdmission
{
    private int inFlight;

    /// <param name="limit">Encodes at once; 0 admits every line (no shedding, as in-process evaluation wants).</param>
    public EncoderAdmission(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Limit = limit;
    }

    /// <summary>Admits every line: nothing is ever shed.</summary>
    public static EncoderAdmission Unlimited { get; } = new(0);

    public int Limit { get; }

    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>
    /// Takes a slot if one is free, and always without a limit or when the line <paramref name="mustEncode"/> (full
    /// mode); false means the line should not be encoded now. Every true is to be followed by <see cref="Exit"/>.
    /// </summary>
    public bool TryEnter(bool mustEncode = false)
    {
        if (Limit == 0 || mustEncode)
        {
            Interlocked.Increment(ref inFlight);
            return true;
        }
        while (true)
        {
            var current = Volatile.Read(ref inFlight);
            if (current >= Limit)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref inFlight, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Exit() => Interlocked.Decrement(ref inFlight);
}
