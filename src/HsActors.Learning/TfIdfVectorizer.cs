using System.Buffers;

namespace HsActors.Learning;

/// <summary>
/// TF-IDF features over word n-grams and scikit-learn style char_wb n-grams of already-cleansed text (lower-case tokens
/// separated by spaces). Word and char features share one index space: in vocabulary mode word n-grams come first, then
/// char n-grams, each block in ordinal order of the n-gram; in hashing mode both are hashed (with different seeds) into
/// 2^HashingBits buckets. Transform is thread-safe and allocates only the returned vector.
/// </summary>
public sealed class TfIdfVectorizer
{
    private const string FormatMagic = "HsActors.TfIdfVectorizer";
    private const int FormatVersion = 1;
    private const int StackCharLimit = 512;

    // Vocabulary mode only; null when hashing.
    private readonly GramTable? _vocabulary;
    private readonly int _hashMask;

    // Per feature; 0 marks a feature that never contributes (a hashing bucket below MinDocumentFrequency).
    private readonly float[] _idf;

    private TfIdfVectorizer(TfIdfOptions options, int documentCount, float[] idf, string[]? wordGrams, string[]? charGrams)
    {
        Options = options;
        DocumentCount = documentCount;
        _idf = idf;
        FeatureCount = idf.Length;
        if (options.UsesHashing)
        {
            _hashMask = (1 << options.HashingBits) - 1;
            return;
        }
        _vocabulary = new GramTable(wordGrams!, charGrams!);
    }

    public TfIdfOptions Options { get; }

    public int FeatureCount { get; }

    /// <summary>Number of training documents the idf was computed from.</summary>
    public int DocumentCount { get; }

    /// <summary>The idf weight of a feature (0 when the feature never contributes).</summary>
    public float InverseDocumentFrequency(int feature) => _idf[feature];

    /// <summary>Every (n-gram, kind, feature) of the vocabulary; empty in hashing mode, where no vocabulary is kept.</summary>
    public IEnumerable<(string Gram, TermKind Kind, int Feature)> Vocabulary()
    {
        if (_vocabulary is null)
        {
            yield break;
        }
        for (var feature = 0; feature < _vocabulary.Count; feature++)
        {
            yield return (_vocabulary.Gram(feature).ToString(), _vocabulary.KindOf(feature), feature);
        }
    }

    /// <summary>The feature of one n-gram (char n-grams include their padding spaces, e.g. " pvc").</summary>
    public bool TryGetFeature(ReadOnlySpan<char> gram, TermKind kind, out int feature)
    {
        feature = Lookup(gram, kind);
        return feature >= 0;
    }

    /// <summary>
    /// How <see cref="Terms"/> shows a feature's n-gram, without re-tokenising a document; null in hashing mode, where a
    /// feature has no single n-gram.
    /// </summary>
    public string? TermOf(int feature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, FeatureCount);
        return _vocabulary is null ? null : DisplayTerm(_vocabulary.Gram(feature), _vocabulary.KindOf(feature));
    }

    /// <summary>How <see cref="Terms"/> shows an n-gram: words as they are, char n-grams bracketed with '_' for padding.</summary>
    public static string DisplayTerm(ReadOnlySpan<char> gram, TermKind kind) =>
        kind == TermKind.Word ? gram.ToString() : $"[{gram.ToString().Replace(' ', '_')}]";

    public static TfIdfVectorizer Fit(IEnumerable<string> cleanedDocuments, TfIdfOptions options)
    {
        ArgumentNullException.ThrowIfNull(cleanedDocuments);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.UsesHashing ? FitHashed(cleanedDocuments, options) : FitVocabulary(cleanedDocuments, options);
    }

    private static TfIdfVectorizer FitVocabulary(IEnumerable<string> documents, TfIdfOptions options)
    {
        var counter = new VocabularyCounter();
        var documentCount = CountGrams(documents, options, counter, counter.StartDocument);
        var kept = counter.Terms().Where(t => t.DocumentFrequency >= options.MinDocumentFrequency).ToList();
        if (options.MaxFeatures > 0 && kept.Count > options.MaxFeatures)
        {
            // Like scikit-learn: the most frequent over the corpus survive; ties broken deterministically.
            kept = kept.OrderByDescending(t => t.TotalCount).ThenBy(t => t.Kind).ThenBy(t => t.Gram, StringComparer.Ordinal)
                .Take(options.MaxFeatures).ToList();
        }
        if (kept.Count == 0)
        {
            throw new ArgumentException(
                $"Empty vocabulary: no n-gram occurs in at least {options.MinDocumentFrequency} of the {documentCount} documents.",
                nameof(documents));
        }
        kept.Sort((a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Gram, b.Gram));
        var idf = kept.Select(t => (float)Idf(options.Idf, documentCount, t.DocumentFrequency)).ToArray();
        var words = kept.Where(t => t.Kind == TermKind.Word).Select(t => t.Gram).ToArray();
        var chars = kept.Where(t => t.Kind == TermKind.Char).Select(t => t.Gram).ToArray();
        return new TfIdfVectorizer(options, documentCount, idf, words, chars);
    }

    private static TfIdfVectorizer FitHashed(IEnumerable<string> documents, TfIdfOptions options)
    {
        var counter = new BucketCounter(options.HashingBits);
        var documentCount = CountGrams(documents, options, counter, counter.StartDocument);
        var frequencies = counter.DocumentFrequency;
        var idf = new float[frequencies.Length];
        for (var bucket = 0; bucket < idf.Length; bucket++)
        {
            if (frequencies[bucket] >= options.MinDocumentFrequency)
            {
                idf[bucket] = (float)Idf(options.Idf, documentCount, frequencies[bucket]);
            }
        }
        return new TfIdfVectorizer(options, documentCount, idf, null, null);
    }

    // One pass over the documents, so a streaming IEnumerable is enumerated exactly once.
    private static int CountGrams<TSink>(IEnumerable<string> documents, TfIdfOptions options, TSink sink, Action startDocument)
        where TSink : INGramSink
    {
        var buffer = new char[256];
        var documentCount = 0;
        foreach (var document in documents)
        {
            if (document is null)
            {
                throw new ArgumentException($"Document {documentCount} is null.", nameof(documents));
            }
            documentCount++;
            startDocument();
            var capacity = NGramTokenizer.NormalizedCapacity(document.Length);
            if (buffer.Length < capacity)
            {
                buffer = new char[Math.Max(capacity, buffer.Length * 2)];
            }
            var length = NGramTokenizer.Normalize(document, buffer, out _);
            NGramTokenizer.Enumerate(buffer.AsSpan(0, length), options, ref sink);
        }
        if (documentCount == 0)
        {
            throw new ArgumentException("Cannot fit TF-IDF on zero documents.", nameof(documents));
        }
        return documentCount;
    }

    internal static double Idf(IdfFormula formula, int documentCount, int documentFrequency) => formula switch
    {
        IdfFormula.Smooth => Math.Log((1.0 + documentCount) / (1.0 + documentFrequency)) + 1.0,
        IdfFormula.Paper => Math.Log(documentCount / (1.0 + documentFrequency)),
        _ => throw new ArgumentOutOfRangeException(nameof(formula), formula, "Unknown IDF formula."),
    };

    private int Lookup(ReadOnlySpan<char> gram, TermKind kind)
    {
        if (_vocabulary is not null)
        {
            return _vocabulary.Find(gram, kind);
        }
        var bucket = FeatureHasher.Bucket(gram, kind, _hashMask);
        return _idf[bucket] != 0 ? bucket : -1;
    }

    /// <summary>Collects the feature of every n-gram occurrence (duplicates included) into a pooled buffer.</summary>
    private struct FeatureCollector(TfIdfVectorizer vectorizer, int[] features) : INGramSink
    {
        public int Found;
        public int Total;

        public void Accept(ReadOnlySpan<char> gram, TermKind kind)
        {
            Total++;
            var feature = vectorizer.Lookup(gram, kind);
            if (feature >= 0)
            {
                features[Found++] = feature;
            }
        }
    }

    public SparseVector Transform(string cleanedDocument)
    {
        ArgumentNullException.ThrowIfNull(cleanedDocument);
        var capacity = NGramTokenizer.NormalizedCapacity(cleanedDocument.Length);
        char[]? rentedChars = null;
        var normalized = capacity <= StackCharLimit
            ? stackalloc char[StackCharLimit]
            : (rentedChars = ArrayPool<char>.Shared.Rent(capacity));
        int[]? features = null;
        float[]? values = null;
        try
        {
            var length = NGramTokenizer.Normalize(cleanedDocument, normalized, out var tokenCount);
            if (length == 0)
            {
                return SparseVector.Empty;
            }
            var maxGrams = NGramTokenizer.MaxGramCount(length, tokenCount, Options);
            features = ArrayPool<int>.Shared.Rent(maxGrams);
            var collector = new FeatureCollector(this, features);
            NGramTokenizer.Enumerate(normalized[..length], Options, ref collector);
            if (collector.Found == 0)
            {
                return SparseVector.Empty;
            }
            values = ArrayPool<float>.Shared.Rent(collector.Found);
            var count = Weigh(features.AsSpan(0, collector.Found), values, collector.Total);
            return count == 0 ? SparseVector.Empty : new SparseVector(features.AsSpan(0, count).ToArray(), values.AsSpan(0, count).ToArray());
        }
        finally
        {
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }
            if (features is not null)
            {
                ArrayPool<int>.Shared.Return(features);
            }
            if (values is not null)
            {
                ArrayPool<float>.Shared.Return(values);
            }
        }
    }

    /// <summary>Turns feature occurrences into sorted unique features (compacted in place) and their weights.</summary>
    /// <returns>The number of non-zero features written to the front of <paramref name="features"/> and <paramref name="values"/>.</returns>
    private int Weigh(Span<int> features, Span<float> values, int gramCount)
    {
        features.Sort();
        var count = 0;
        var squaredNorm = 0.0;
        for (var start = 0; start < features.Length;)
        {
            var feature = features[start];
            var end = start + 1;
            while (end < features.Length && features[end] == feature)
            {
                end++;
            }
            double tf = end - start;
            if (Options.SublinearTf)
            {
                tf = 1.0 + Math.Log(tf);
            }
            if (Options.Idf == IdfFormula.Paper)
            {
                tf /= gramCount;   // f(t,d) / N_d, N_d counting every n-gram of the document
            }
            var weight = tf * _idf[feature];
            if (weight != 0)
            {
                features[count] = feature;
                values[count] = (float)weight;
                squaredNorm += weight * weight;
                count++;
            }
            start = end;
        }
        if (Options.L2Normalize && squaredNorm > 0)
        {
            var scale = 1.0 / Math.Sqrt(squaredNorm);
            for (var i = 0; i < count; i++)
            {
                values[i] = (float)(values[i] * scale);
            }
        }
        return count;
    }

    /// <summary>Collects the distinct n-grams of a document, for explanations (not a hot path).</summary>
    private sealed class GramCollector : INGramSink
    {
        public HashSet<(string Gram, TermKind Kind)> Seen { get; } = [];
        public List<(string Gram, TermKind Kind)> Ordered { get; } = [];

        public void Accept(ReadOnlySpan<char> gram, TermKind kind)
        {
            var key = (gram.ToString(), kind);
            if (Seen.Add(key))
            {
                Ordered.Add(key);
            }
        }
    }

    /// <summary>
    /// The distinct n-grams of the document that carry a feature, in order of appearance, shown by
    /// <see cref="DisplayTerm"/>. Works in hashing mode too because the document is re-tokenised.
    /// </summary>
    public IEnumerable<(string Term, int Feature)> Terms(string cleanedDocument)
    {
        ArgumentNullException.ThrowIfNull(cleanedDocument);
        var buffer = new char[NGramTokenizer.NormalizedCapacity(cleanedDocument.Length)];
        var length = NGramTokenizer.Normalize(cleanedDocument, buffer, out _);
        var collector = new GramCollector();
        NGramTokenizer.Enumerate(buffer.AsSpan(0, length), Options, ref collector);
        var terms = new List<(string Term, int Feature)>();
        foreach (var (gram, kind) in collector.Ordered)
        {
            var feature = Lookup(gram, kind);
            if (feature >= 0 && _idf[feature] != 0)
            {
                terms.Add((DisplayTerm(gram, kind), feature));
            }
        }
        return terms;
    }

    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(FormatMagic);
        writer.Write(FormatVersion);
        writer.Write(Options.WordNGramMax);
        writer.Write(Options.CharNGramMin);
        writer.Write(Options.CharNGramMax);
        writer.Write(Options.SublinearTf);
        writer.Write(Options.L2Normalize);
        writer.Write((int)Options.Idf);
        writer.Write(Options.MinDocumentFrequency);
        writer.Write(Options.MaxFeatures);
        writer.Write(Options.HashingBits);
        writer.Write(DocumentCount);
        writer.Write(FeatureCount);
        if (_vocabulary is not null)
        {
            writer.Write(_vocabulary.WordCount);
            for (var feature = 0; feature < _vocabulary.Count; feature++)
            {
                writer.Write(_vocabulary.Gram(feature).ToString());   // length-prefixed, unlike Write(ReadOnlySpan<char>)
            }
        }
        foreach (var idf in _idf)
        {
            writer.Write(idf);
        }
    }

    public static TfIdfVectorizer ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            var magic = reader.ReadString();
            if (magic != FormatMagic)
            {
                throw new InvalidDataException($"Not a TF-IDF vectorizer: expected header '{FormatMagic}', found '{magic}'.");
            }
            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"Unsupported TF-IDF vectorizer format version {version} (this build reads {FormatVersion}).");
            }
            var options = new TfIdfOptions
            {
                WordNGramMax = reader.ReadInt32(),
                CharNGramMin = reader.ReadInt32(),
                CharNGramMax = reader.ReadInt32(),
                SublinearTf = reader.ReadBoolean(),
                L2Normalize = reader.ReadBoolean(),
                Idf = (IdfFormula)reader.ReadInt32(),
                MinDocumentFrequency = reader.ReadInt32(),
                MaxFeatures = reader.ReadInt32(),
                HashingBits = reader.ReadInt32(),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"Corrupt TF-IDF vectorizer options: {e.Message}", e);
            }
            var documentCount = reader.ReadInt32();
            var featureCount = reader.ReadInt32();
            if (documentCount < 1 || featureCount < 1)
            {
                throw new InvalidDataException($"Corrupt TF-IDF vectorizer: {documentCount} documents, {featureCount} features.");
            }
            if (reader.Remaining() is { } remaining && (long)featureCount * sizeof(float) > remaining)
            {
                throw new InvalidDataException($"Corrupt TF-IDF vectorizer: {featureCount} features need more than the {remaining} bytes left.");
            }
            string[]? words = null;
            string[]? chars = null;
            if (options.UsesHashing)
            {
                if (featureCount != 1 << options.HashingBits)
                {
                    throw new InvalidDataException($"Corrupt TF-IDF vectorizer: {featureCount} features stored for {options.HashingBits} hashing bits.");
                }
            }
            else
            {
                var wordCount = reader.ReadInt32();
                if (wordCount < 0 || wordCount > featureCount)
                {
                    throw new InvalidDataException($"Corrupt TF-IDF vectorizer: {wordCount} word n-grams stored for {featureCount} features.");
                }
                words = ReadGrams(reader, wordCount);
                chars = ReadGrams(reader, featureCount - wordCount);
            }
            var idf = new float[featureCount];
            for (var i = 0; i < idf.Length; i++)
            {
                idf[i] = reader.ReadSingle();
            }
            try
            {
                return new TfIdfVectorizer(options, documentCount, idf, words, chars);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"Corrupt TF-IDF vectorizer vocabulary: {e.Message}", e);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Truncated TF-IDF vectorizer data.", e);
        }
    }

    private static string[] ReadGrams(BinaryReader reader, int count)
    {
        var grams = new string[count];
        for (var i = 0; i < count; i++)
        {
            grams[i] = reader.ReadString();
        }
        return grams;
    }
}
