using HsActors.Text.Buffers;
using HsActors.Text.Lexicons;
using HsActors.Text.Stemming;

namespace HsActors.Text.Steps;

/// <summary>
/// The paper's simple_stemming: lower-cases (as the paper's output does) and reduces each word to its stem.
/// A word the Indonesian lexicon recognises (directly or after removing affixes) gets its Indonesian root, and an
/// Indonesian reduplication ("anak-anak", "buah-buahan") collapses to one word; every other word gets the
/// conservative English plural stemmer. Stop words are passed through untouched so the stop-word step still knows
/// them ("does" must not become "doe"). The mapping depends on the word alone, so training and query text agree.
/// Output: stems joined by single spaces.
/// </summary>
public sealed class StemmingStep : ITextStep
{
    public string Name => "simple_stemming";

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<char> lower = stackalloc char[IndonesianStemmer.MaximumWordLength];
        Span<char> stem = stackalloc char[IndonesianStemmer.MaximumWordLength + 1];
        var output = new PooledCharBuffer(text.Length);
        try
        {
            string? previousIndonesianStem = null;
            var tokens = new WhitespaceTokenizer(text);
            while (tokens.MoveNext())
            {
                var token = tokens.Current;
                if (token.Length > IndonesianStemmer.MaximumWordLength)
                {
                    // A code or glued garbage, not a word: lower-case it and leave it alone.
                    AppendSeparator(ref output);
                    foreach (var c in token)
                        output.Append(char.ToLowerInvariant(c));
                    previousIndonesianStem = null;
                    continue;
                }

                var word = lower[..token.ToLowerInvariant(lower)];
                if (StopWords.Contains(word))
                {
                    AppendSeparator(ref output);
                    output.Append(word);
                    previousIndonesianStem = null;
                }
                else if (IndonesianStemmer.TryStem(word, out var root))
                {
                    if (root == previousIndonesianStem)
                        continue; // reduplication marks the plural: "anak anak" is "anak"
                    AppendSeparator(ref output);
                    output.Append(root);
                    previousIndonesianStem = root;
                }
                else
                {
                    AppendSeparator(ref output);
                    output.Append(stem[..EnglishStemmer.Stem(word, stem)]);
                    previousIndonesianStem = null;
                }
            }

            return output.ToString(text);
        }
        finally
        {
            output.Dispose();
        }
    }

    private static void AppendSeparator(ref PooledCharBuffer output)
    {
        if (output.Length > 0)
            output.Append(' ');
    }
}
