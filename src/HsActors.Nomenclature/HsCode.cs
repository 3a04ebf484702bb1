namespace HsActors.Nomenclature;

/// <summary>
/// A Harmonized System code held as its digits only ("87141090"). Levels are 2 (chapter), 4 (heading),
/// 6 (subheading), 8 (national tariff line) and 10 (national statistical suffix, truncated by callers).
/// </summary>
public readonly record struct HsCode : IComparable<HsCode>
{
    // The hot paths take a code's chapter many times per classified line; its 100 possible digit strings are shared.
    private static readonly string[] ChapterDigits = [.. Enumerable.Range(0, 100).Select(c => c.ToString("00", System.Globalization.CultureInfo.InvariantCulture))];

    private readonly string? digits;

    private HsCode(string digits) => this.digits = digits;

    /// <summary>The code's digits, e.g. "87141090"; empty for <c>default(HsCode)</c>.</summary>
    public string Digits => digits ?? string.Empty;

    public int Level => Digits.Length;

    public HsCode Chapter => Truncate(2);

    public static bool TryParse(string? text, out HsCode code) => TryParse(text.AsSpan(), out code);

    /// <summary>Accepts digits separated by dots or spaces ("8714.10.90", "8714 10 90"); 2, 4, 6, 8 or 10 digits.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out HsCode code)
    {
        code = default;
        text = text.Trim();
        Span<char> buffer = stackalloc char[10];
        var count = 0;
        foreach (var c in text)
        {
            if (c is '.' or ' ')
            {
                continue;
            }
            if (!char.IsAsciiDigit(c) || count == buffer.Length)
            {
                return false;
            }
            buffer[count++] = c;
        }
        if (count is not (2 or 4 or 6 or 8 or 10))
        {
            return false;
        }
        code = new HsCode(new string(buffer[..count]));
        return true;
    }

    public static HsCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var code))
        {
            throw new FormatException(
                $"'{text}' is not an HS code: expected 2, 4, 6, 8 or 10 digits, optionally separated by dots or spaces.");
        }
        return code;
    }

    public HsCode Truncate(int level)
    {
        if (level is not (2 or 4 or 6 or 8 or 10) || level > Level)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level,
                $"Cannot truncate HS code '{Digits}' (level {Level}) to level {level}.");
        }
        return level == Level ? this
            : level == 2 ? new HsCode(ChapterDigits[(Digits[0] - '0') * 10 + Digits[1] - '0'])
            : new HsCode(Digits[..level]);
    }

    /// <summary>
    /// The code cut to at most 8 digits: national lines are the finest codes the tariff book and the models know, so a
    /// 10-digit declaration or assessment is read at its national line.
    /// </summary>
    public HsCode AtMostNationalLine() => Truncate(Math.Min(Level, 8));

    public bool StartsWith(HsCode prefix) => Digits.StartsWith(prefix.Digits, StringComparison.Ordinal);

    // Ordinal order of the digits keeps a parent before its children (87 < 8714 < 871410).
    public int CompareTo(HsCode other) => string.CompareOrdinal(Digits, other.Digits);

    public static bool operator <(HsCode left, HsCode right) => left.CompareTo(right) < 0;
    public static bool operator >(HsCode left, HsCode right) => left.CompareTo(right) > 0;
    public static bool operator <=(HsCode left, HsCode right) => left.CompareTo(right) <= 0;
    public static bool operator >=(HsCode left, HsCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Digits;
}
