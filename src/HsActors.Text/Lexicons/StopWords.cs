using System.Collections.Frozen;

namespace HsActors.Text.Lexicons;

/// <summary>English and Indonesian function words (Data/StopWordsEnglish.txt, Data/StopWordsIndonesian.txt).</summary>
internal static class StopWords
{
    private static readonly FrozenSet<string> Words = EmbeddedWordList.ReadSet("StopWordsEnglish.txt", "StopWordsIndonesian.txt");
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool Contains(ReadOnlySpan<char> word) => Lookup.Contains(word);
}
