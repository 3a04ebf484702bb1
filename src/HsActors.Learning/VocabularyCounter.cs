using System.Runtime.InteropServices;

namespace HsActors.Learning;

/// <summary>
/// Counts, during Fit in vocabulary mode, how many documents contain each n-gram and how often it occurs overall.
/// A string is allocated only the first time an n-gram is seen.
/// </summary>
internal sealed class VocabularyCounter : INGramSink
{
    private struct TermStatistics
    {
        public int DocumentFrequency;
        public int LastDocument;
        public long TotalCount;
    }

    internal readonly record struct CountedTerm(string Gram, TermKind Kind, int DocumentFrequency, long TotalCount);

    private readonly Dictionary<string, TermStatistics> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TermStatistics> _chars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TermStatistics>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
    private readonly Dictionary<string, TermStatistics>.AlternateLookup<ReadOnlySpan<char>> _charLookup;
    private int _document;   // 1-based so that the default LastDocument (0) never matches

    public VocabularyCounter()
    {
        _wordLookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        _charLookup = _chars.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public void StartDocument() => _document++;

    public void Accept(ReadOnlySpan<char> gram, TermKind kind)
    {
        ref var statistics = ref kind == TermKind.Word
            ? ref CollectionsMarshal.GetValueRefOrAddDefault(_wordLookup, gram, out _)
            : ref CollectionsMarshal.GetValueRefOrAddDefault(_charLookup, gram, out _);
        if (statistics.LastDocument != _document)
        {
            statistics.LastDocument = _document;
            statistics.DocumentFrequency++;
        }
        statistics.TotalCount++;
    }

    public IEnumerable<CountedTerm> Terms()
    {
        foreach (var (gram, statistics) in _words)
        {
            yield return new CountedTerm(gram, TermKind.Word, statistics.DocumentFrequency, statistics.TotalCount);
        }
        foreach (var (gram, statistics) in _chars)
        {
            yield return new CountedTerm(gram, TermKind.Char, statistics.DocumentFrequency, statistics.TotalCount);
        }
    }
}
