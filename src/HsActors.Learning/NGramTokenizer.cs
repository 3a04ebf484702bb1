namespace HsActors.Learning;

/// <summary>Receives the n-grams of one document; a struct sink keeps the enumeration free of delegates and allocations.</summary>
internal interface INGramSink
{
    void Accept(ReadOnlySpan<char> gram, TermKind kind);
}

/// <summary>
/// Splits cleansed text into word n-grams and scikit-learn char_wb n-grams. The text is first rewritten as
/// " tok1 tok2 ... tokN " so that every word n-gram and every space-padded word is a contiguous slice: no substring
/// is ever allocated.
/// </summary>
internal static class NGramTokenizer
{
    public static int NormalizedCapacity(int textLength) => textLength + 2;

    /// <summary>Writes the tokens of <paramref name="text"/> with one space before, between and after them.</summary>
    /// <returns>Characters written; 0 when the text holds no token.</returns>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> destination, out int tokenCount)
    {
        tokenCount = 0;
        var length = 0;
        var inToken = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inToken = false;
                continue;
            }
            if (!inToken)
            {
                destination[length++] = ' ';
                tokenCount++;
                inToken = true;
            }
            destination[length++] = c;
        }
        if (tokenCount == 0)
        {
            return 0;
        }
        destination[length++] = ' ';
        return length;
    }

    /// <summary>An upper bound of the n-grams <see cref="Enumerate{TSink}"/> emits for a normalised text.</summary>
    public static int MaxGramCount(int normalizedLength, int tokenCount, TfIdfOptions options)
    {
        var words = tokenCount * options.WordNGramMax;
        // Each padded word of length L yields at most L grams per n; the padded lengths sum to at most length + tokens.
        var chars = options.UsesChars ? (options.CharNGramMax - options.CharNGramMin + 1) * (normalizedLength + tokenCount) : 0;
        return words + chars;
    }

    public static void Enumerate<TSink>(ReadOnlySpan<char> normalized, TfIdfOptions options, ref TSink sink)
        where TSink : INGramSink, allows ref struct
    {
        if (normalized.IsEmpty)
        {
            return;
        }
        var last = normalized.Length - 1;   // index of the trailing space
        var start = 1;
        while (start < last)
        {
            var end = start + normalized[start..].IndexOf(' ');
            if (options.UsesWords)
            {
                EmitWordGrams(normalized, start, end, last, options.WordNGramMax, ref sink);
            }
            if (options.UsesChars)
            {
                EmitCharGrams(normalized.Slice(start - 1, end - start + 2), options.CharNGramMin, options.CharNGramMax, ref sink);
            }
            start = end + 1;
        }
    }

    private static void EmitWordGrams<TSink>(ReadOnlySpan<char> normalized, int start, int firstEnd, int last, int maxN, ref TSink sink)
        where TSink : INGramSink, allows ref struct
    {
        var end = firstEnd;
        for (var n = 1; ; n++)
        {
            sink.Accept(normalized[start..end], TermKind.Word);
            if (n == maxN || end == last)
            {
                return;
            }
            end = end + 1 + normalized[(end + 1)..].IndexOf(' ');
        }
    }

    // Mirrors scikit-learn's _char_wb_ngrams: a padded word no longer than n is emitted once, whole, and ends the loop.
    private static void EmitCharGrams<TSink>(ReadOnlySpan<char> padded, int minN, int maxN, ref TSink sink)
        where TSink : INGramSink, allows ref struct
    {
        for (var n = minN; n <= maxN; n++)
        {
            if (padded.Length <= n)
            {
                sink.Accept(padded, TermKind.Char);
                return;
            }
            for (var offset = 0; offset + n <= padded.Length; offset++)
            {
                sink.Accept(padded.Slice(offset, n), TermKind.Char);
            }
        }
    }
}
