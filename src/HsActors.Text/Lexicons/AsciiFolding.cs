using System.Collections.Frozen;
using System.Globalization;

namespace HsActors.Text.Lexicons;

/// <summary>
/// Non-ASCII character -> ASCII spelling. Letters and digits come from Unicode NFKD decomposition precomputed into
/// Data/AsciiFolding.txt, because string.Normalize is a no-op under InvariantGlobalization.
/// </summary>
internal static class AsciiFolding
{
    // Typographic look-alikes are not letters, so NFKD leaves them alone; folding them keeps the word breaks
    // and the "2×28" dimensions that the later steps rely on instead of gluing words together.
    private static readonly (char Character, string Ascii)[] TypographicLookAlikes =
    [
        ('\u2010', "-"), ('\u2011', "-"), ('\u2012', "-"), ('\u2013', "-"), ('\u2014', "-"), ('\u2015', "-"), ('\u2212', "-"),
        ('\u2018', "'"), ('\u2019', "'"), ('\u201B', "'"), ('\u2032', "'"),
        ('\u201C', "\""), ('\u201D', "\""), ('\u201F', "\""), ('\u2033', "\""),
        ('\u2044', "/"), ('\u2026', "..."), ('\u00D7', "x"),
    ];

    private static readonly FrozenDictionary<char, string> Map = Build();

    public static bool TryFold(char c, out string ascii) => Map.TryGetValue(c, out ascii!);

    private static FrozenDictionary<char, string> Build()
    {
        var map = new Dictionary<char, string>();
        foreach (var (key, value) in EmbeddedWordList.ReadPairs("AsciiFolding.txt"))
            map[(char)int.Parse(key, NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = value;
        foreach (var (character, ascii) in TypographicLookAlikes)
            map[character] = ascii;
        return map.ToFrozenDictionary();
    }
}
