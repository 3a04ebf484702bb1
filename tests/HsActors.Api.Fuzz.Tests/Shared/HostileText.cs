using CsCheck;

namespace HsActors.Fuzzing;

/// <summary>
/// Text a hostile or careless client sends where a string belongs: empty and huge strings, control and format
/// characters, emoji, path tricks, numbers and dates that are not quite numbers or dates. Shared, like
/// <see cref="SeededSamples"/>, with the file parsers' fuzz tests.
/// </summary>
public static class HostileText
{
    public const int Megabyte = 1 << 20;

    /// <summary>Awkward on their own; each also appears wrapped in ordinary text.</summary>
    public static readonly string[] Awkward =
    [
        "", " ", "\t\r\n", "\u0000", "a\u0000b", "\u001b[31mred\u001b[0m", "\u001b]0;title\u0007", "\u202Egpj.exe\u202C", "\u200B\u200D\uFEFF",
        "\u2028\u2029", "😀🇮🇩👨‍👩‍👧", "ｃｏｆｆｅｅ", "İstanbul ǅ ß", "..", "../../etc/passwd", "..\\..\\windows", "%2e%2e%2f", "%00", "%", "%zz",
        "NaN", "-Infinity", "1e309", "-1", "2147483648", "-9223372036854775809", "0x1F", "null", "true", "{}", "[]", "\"", "\\",
        "<script>alert(1)</script>", "'; DROP TABLE importers; --", "%s%s%n", "{0}{1}", "$(id)", "\r\nX-Injected: 1",
    ];

    public static readonly string[] Dates =
    [
        "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-01-31T24:00:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00", "10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2025-01-31", "2025-01-31T09:30:00",
        "2025-01-31T09:30:00+25:00", "2025-01-31T09:30:00.1234567890123Z", "2025-W05-5", "31/01/2025", "now", "1738315800",
        "2999-01-01T00:00:00Z",
    ];

    /// <summary>JSON number literals, some beyond every .NET number type and some not JSON at all.</summary>
    public static readonly string[] NumberLiterals =
    [
        "0", "-1", "-0", "1.5", "1e309", "-1e309", "1e-400", "2147483648", "-2147483649", "9223372036854775808", "4.9e-324",
        "NaN", "Infinity", "01", "+1", "0x10", "1_000", ".5",
    ];

    public static readonly Gen<string> Any = Gen.Frequency(
        (6, Gen.OneOf(Awkward)),
        (3, Gen.OneOf(Awkward).Select(text => "roasted coffee " + text + " beans")),
        (2, Gen.OneOf(Dates)),
        (2, Gen.OneOf(NumberLiterals)),
        (3, Gen.String[Gen.Char[(char)0, (char)0x2FFF], 1, 40]),
        (2, Gen.Int[129, 20_000].Select(length => new string('x', length))),
        (1, Gen.Const(() => new string('y', Megabyte))));
}
