using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using HsActors.Text.Lexicons;

namespace HsActors.Text.Stemming;

/// <summary>
/// A lexicon-confirmed Indonesian affix stripper in the spirit of Nazief and Adriani: particles (-lah, -kah, -tah,
/// -pun), possessives (-ku, -mu, -nya), derivational suffixes (-kan, -an, -i) and up to two prefixes (me-, pe-, ber-,
/// ter-, per-, di-, ke-, se-, with the me-/pe- sound changes: meny- -> s, mem- -> p, men- -> t, meng- -> k) are
/// removed only when the remainder is a word of Data/IndonesianLexicon.txt.
/// Why lexicon-confirmed rather than rule-only: goods descriptions mix Indonesian with English, brand names and
/// codes, and a rule-only stripper eats them ("pedal" -> "dal", "diesel" -> "esel", "kemeja" -> "meja",
/// "kursi" -> "kurs"). Confirming against the lexicon is also how a word is recognised as Indonesian at all:
/// a word that neither is in the lexicon nor reduces to it is left to the English stemmer unchanged by this one.
/// </summary>
internal static class IndonesianStemmer
{
    /// <summary>Shortest stem accepted; shorter remainders ("es", "ku") are almost always false splits.</summary>
    private const int MinimumStemLength = 3;

    /// <summary>Longest word considered; everything longer is a code or glued garbage, not Indonesian.</summary>
    public const int MaximumWordLength = 40;

    /// <summary>How many prefixes may be stacked (memper-, diper-, keber-).</summary>
    private const int MaximumPrefixes = 2;

    private static readonly string[] Particles = ["lah", "kah", "tah", "pun"];
    private static readonly string[] Possessives = ["nya", "ku", "mu"];

    // "kan" before "an": otherwise -an would leave a dangling k ("digunakan" -> "digunak").
    private static readonly string[] DerivationalSuffixes = ["", "kan", "an", "i"];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lexicon =
        EmbeddedWordList.ReadSet("IndonesianLexicon.txt").GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when the lower-case <paramref name="word"/> is Indonesian per the lexicon; <paramref name="stem"/> is then its root.</summary>
    public static bool TryStem(ReadOnlySpan<char> word, [NotNullWhen(true)] out string? stem)
    {
        if (Lexicon.TryGetValue(word, out stem))
            return true;
        if (word.Length > MaximumWordLength)
            return false;

        var rest = word;
        if (TryRemoveEnding(ref rest, Particles, out stem) || TryRemoveEnding(ref rest, Possessives, out stem))
            return true;

        foreach (var suffix in DerivationalSuffixes)
        {
            if (!rest.EndsWith(suffix, StringComparison.Ordinal) || rest.Length - suffix.Length < MinimumStemLength)
                continue;
            var withoutSuffix = rest[..^suffix.Length];
            if (suffix.Length > 0 && Lexicon.TryGetValue(withoutSuffix, out stem))
                return true;
            if (TryRemovePrefixes(withoutSuffix, MaximumPrefixes, out stem))
                return true;
        }

        stem = null;
        return false;
    }

    /// <summary>Removes the first matching ending in place (even if the rest is not yet a root: Nazief-Adriani keep going).</summary>
    private static bool TryRemoveEnding(ref ReadOnlySpan<char> word, string[] endings, [NotNullWhen(true)] out string? stem)
    {
        foreach (var ending in endings)
        {
            if (word.EndsWith(ending, StringComparison.Ordinal) && word.Length - ending.Length >= MinimumStemLength)
            {
                word = word[..^ending.Length];
                return Lexicon.TryGetValue(word, out stem);
            }
        }

        stem = null;
        return false;
    }

    private static bool TryRemovePrefixes(ReadOnlySpan<char> word, int prefixesLeft, [NotNullWhen(true)] out string? stem)
    {
        stem = null;
        if (prefixesLeft == 0 || word.Length < MinimumStemLength + 2)
            return false;

        Span<char> recoded = stackalloc char[MaximumWordLength + 1];
        switch (word[0])
        {
            case 'm' or 'p' when word.Length > 2 && word[1] == 'e':
                // me-/pe- assimilate to the root's first sound; try the plain remainder and the restored consonant.
                var afterE = word[2..];
                if (afterE.StartsWith("ny", StringComparison.Ordinal) && afterE.Length > 2 && IsVowel(afterE[2]))
                    return TryRecoded('s', afterE[2..], recoded, prefixesLeft, out stem);
                if (afterE.StartsWith("ng", StringComparison.Ordinal))
                    return TryCandidate(afterE[2..], prefixesLeft, out stem) || (afterE.Length > 2 && IsVowel(afterE[2]) && TryRecoded('k', afterE[2..], recoded, prefixesLeft, out stem));
                if (afterE.StartsWith('m'))
                    return TryCandidate(afterE[1..], prefixesLeft, out stem) || (afterE.Length > 1 && IsVowel(afterE[1]) && TryRecoded('p', afterE[1..], recoded, prefixesLeft, out stem));
                if (afterE.StartsWith('n'))
                    return TryCandidate(afterE[1..], prefixesLeft, out stem) || (afterE.Length > 1 && IsVowel(afterE[1]) && TryRecoded('t', afterE[1..], recoded, prefixesLeft, out stem));
                if (word[0] == 'p' && afterE.StartsWith('r') && TryCandidate(afterE[1..], prefixesLeft, out stem))
                    return true;
                return TryCandidate(afterE, prefixesLeft, out stem);
            case 'b' or 't' when word.Length > 2 && word[1] == 'e':
                // ber-/ter- before a root, be-/te- before a root starting with r (be-renang, te-rendam).
                return (word[2] == 'r' && TryCandidate(word[3..], prefixesLeft, out stem)) || TryCandidate(word[2..], prefixesLeft, out stem);
            case 'd' when word[1] == 'i':
            case 'k' or 's' when word[1] == 'e':
                return TryCandidate(word[2..], prefixesLeft, out stem);
            default:
                return false;
        }
    }

    private static bool TryRecoded(char firstLetter, ReadOnlySpan<char> rest, Span<char> buffer, int prefixesLeft, [NotNullWhen(true)] out string? stem)
    {
        buffer[0] = firstLetter;
        rest.CopyTo(buffer[1..]);
        return TryCandidate(buffer[..(rest.Length + 1)], prefixesLeft, out stem);
    }

    private static bool TryCandidate(ReadOnlySpan<char> candidate, int prefixesLeft, [NotNullWhen(true)] out string? stem)
    {
        stem = null;
        if (candidate.Length < MinimumStemLength)
            return false;
        return Lexicon.TryGetValue(candidate, out stem) || TryRemovePrefixes(candidate, prefixesLeft - 1, out stem);
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
