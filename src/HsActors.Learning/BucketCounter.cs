namespace HsActors.Learning;

/// <summary>Counts, during Fit in hashing mode, how many documents touch each bucket; no n-gram text is kept.</summary>
internal sealed class BucketCounter : INGramSink
{
    private readonly int _mask;
    private readonly int[] _lastDocument;
    private int _document;   // 1-based so that the initial LastDocument (0) never matches

    public BucketCounter(int bits)
    {
        _mask = (1 << bits) - 1;
        DocumentFrequency = new int[1 << bits];
        _lastDocument = new int[1 << bits];
    }

    public int[] DocumentFrequency { get; }

    public void StartDocument() => _document++;

    public void Accept(ReadOnlySpan<char> gram, TermKind kind)
    {
        var bucket = FeatureHasher.Bucket(gram, kind, _mask);
        if (_lastDocument[bucket] != _document)
        {
            _lastDocument[bucket] = _document;
            DocumentFrequency[bucket]++;
        }
    }
}
