using HsActors.Text.Buffers;
using HsActors.Text.Lexicons;

namespace HsActors.Text.Steps;

/// <summary>
/// The paper's remove_stopwords: drops English and Indonesian function words (Data/StopWordsEnglish.txt,
/// Data/StopWordsIndonesian.txt), case-insensitively, and joins the remaining words with single spaces.
/// </summary>
public sealed class StopWordStep : ITextStep
{
    public string Name => "remove_stopwords";

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new PooledCharBuffer(text.Length);
        try
        {
            var tokens = new WhitespaceTokenizer(text);
            while (tokens.MoveNext())
            {
                if (StopWords.Contains(tokens.Current))
                    continue;
                if (output.Length > 0)
                    output.Append(' ');
                output.Append(tokens.Current);
            }

            return output.ToString(text);
        }
        finally
        {
            output.Dispose();
        }
    }
}
