using System.Collections.Frozen;

namespace HsActors.Text.Stemming;

/// <summary>
/// A conservative inflectional stemmer, like the paper's "simple_stemming": it only turns plurals (and the
/// possessive s left after the apostrophe is dropped) into singulars. No -ing/-ed/-er stripping: on goods
/// descriptions that turns "bearing", "spring", "string", "casing" and "rubber" into wrong stems, and
/// "printed"/"knitted" stay distinguishable from "print"/"knit" anyway through the vectorizer's char n-grams.
/// </summary>
internal static class EnglishStemmer
{
    /// <summary>Words shorter than this (bus, gas, abs, pcs) are left alone.</summary>
    private const int MinimumLength = 4;

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> IrregularPlurals =
        EnglishStemmingExceptions.IrregularPlurals.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SingularsEndingInS =
        EnglishStemmingExceptions.SingularsEndingInS.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SingularsEndingInIe =
        EnglishStemmingExceptions.SingularsEndingInIe.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SingularsEndingInOe =
        EnglishStemmingExceptions.SingularsEndingInOe.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SingularsEndingInA =
        EnglishStemmingExceptions.SingularsEndingInA.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Writes the stem of a lower-case <paramref name="word"/> to <paramref name="destination"/> (at least as long) and returns its length.</summary>
    public static int Stem(ReadOnlySpan<char> word, Span<char> destination)
    {
        var stem = StemOf(word, out var replacement);
        if (replacement is null)
        {
            stem.CopyTo(destination);
            return stem.Length;
        }

        // The only rule that is not a plain truncation: -ies -> -y.
        stem.CopyTo(destination);
        replacement.AsSpan().CopyTo(destination[stem.Length..]);
        return stem.Length + replacement.Length;
    }

    private static ReadOnlySpan<char> StemOf(ReadOnlySpan<char> word, out string? suffix)
    {
        suffix = null;
        if (IrregularPlurals.TryGetValue(word, out var irregular))
            return irregular;
        if (word.Length < MinimumLength || word[^1] != 's' || !IsAsciiLetters(word))
            return word;
        if (SingularsEndingInS.Contains(word))
            return word;
        if (word.EndsWith("ss") || word.EndsWith("us") || word.EndsWith("is"))
            return word;

        var withoutS = word[..^1];
        if (word.EndsWith("ies"))
        {
            if (word.Length <= MinimumLength || SingularsEndingInIe.Contains(withoutS))
                return withoutS;
            suffix = "y";
            return word[..^3];
        }

        if (word.EndsWith("sses") || word.EndsWith("shes") || word.EndsWith("ches") || word.EndsWith("xes") || word.EndsWith("zzes"))
            return word[..^2];
        if (word.EndsWith("oes"))
            return SingularsEndingInOe.Contains(withoutS) || withoutS.EndsWith("shoe") ? withoutS : word[..^2];
        if (word.EndsWith("as"))
            return SingularsEndingInA.Contains(withoutS) ? withoutS : word;
        return withoutS;
    }

    private static bool IsAsciiLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
                return false;
        }

        return true;
    }
}
