using System.Collections.Frozen;

namespace HsActors.Text.Lexicons;

/// <summary>Trade shorthand and contractions -> lower-case expansion (Data/Abbreviations.txt), matched case-insensitively.</summary>
internal static class Abbreviations
{
    private static readonly FrozenDictionary<string, string> Table = Build();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Table.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryExpand(ReadOnlySpan<char> word, out string expansion) => Lookup.TryGetValue(word, out expansion!);

    private static FrozenDictionary<string, string> Build()
    {
        var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (abbreviation, expansion) in EmbeddedWordList.ReadPairs("Abbreviations.txt"))
        {
            if (!table.TryAdd(abbreviation, expansion.ToLowerInvariant()))
                throw new InvalidDataException($"Abbreviations.txt lists '{abbreviation}' twice.");
        }

        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
