namespace HsActors.Learning;

/// <summary>Settings of <see cref="TfIdfVectorizer"/>; the defaults suit short, noisy customs goods descriptions.</summary>
public sealed record TfIdfOptions
{
    /// <summary>Word n-grams 1..N; 0 turns word features off.</summary>
    public int WordNGramMax { get; init; } = 2;

    /// <summary>Smallest char_wb n-gram length.</summary>
    public int CharNGramMin { get; init; } = 3;

    /// <summary>Largest char_wb n-gram length; 0 turns character features off.</summary>
    public int CharNGramMax { get; init; } = 5;

    /// <summary>Replace a raw count tf by 1 + ln(tf).</summary>
    public bool SublinearTf { get; init; } = true;

    public bool L2Normalize { get; init; } = true;

    public IdfFormula Idf { get; init; } = IdfFormula.Smooth;

    /// <summary>Terms (or, when hashing, buckets) seen in fewer training documents are dropped.</summary>
    public int MinDocumentFrequency { get; init; } = 1;

    /// <summary>Keep only the most frequent terms over the corpus, like scikit-learn's max_features; 0 = unlimited.</summary>
    public int MaxFeatures { get; init; }

    /// <summary>&gt;0: hashing trick with 2^bits features and no vocabulary kept (bounded memory).</summary>
    public int HashingBits { get; init; }

    public bool UsesWords => WordNGramMax > 0;

    public bool UsesChars => CharNGramMax > 0;

    public bool UsesHashing => HashingBits > 0;

    /// <summary>Largest accepted <see cref="HashingBits"/>: 2^24 buckets (64 MiB of idf) is far beyond any useful model.</summary>
    public const int MaxHashingBits = 24;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        if (WordNGramMax < 0)
        {
            throw new ArgumentException($"{nameof(WordNGramMax)} must be >= 0 (0 = no word n-grams), got {WordNGramMax}.");
        }
        if (CharNGramMax < 0)
        {
            throw new ArgumentException($"{nameof(CharNGramMax)} must be >= 0 (0 = no char n-grams), got {CharNGramMax}.");
        }
        if (UsesChars && (CharNGramMin < 1 || CharNGramMin > CharNGramMax))
        {
            throw new ArgumentException(
                $"{nameof(CharNGramMin)} must be between 1 and {nameof(CharNGramMax)} ({CharNGramMax}), got {CharNGramMin}.");
        }
        if (!UsesWords && !UsesChars)
        {
            throw new ArgumentException($"Both {nameof(WordNGramMax)} and {nameof(CharNGramMax)} are 0: no feature would be produced.");
        }
        if (!Enum.IsDefined(Idf))
        {
            throw new ArgumentException($"Unknown {nameof(Idf)} formula {(int)Idf}.");
        }
        if (MinDocumentFrequency < 1)
        {
            throw new ArgumentException($"{nameof(MinDocumentFrequency)} must be >= 1, got {MinDocumentFrequency}.");
        }
        if (MaxFeatures < 0)
        {
            throw new ArgumentException($"{nameof(MaxFeatures)} must be >= 0 (0 = unlimited), got {MaxFeatures}.");
        }
        if (HashingBits < 0 || HashingBits > MaxHashingBits)
        {
            throw new ArgumentException($"{nameof(HashingBits)} must be between 0 and {MaxHashingBits}, got {HashingBits}.");
        }
        if (UsesHashing && MaxFeatures > 0)
        {
            throw new ArgumentException(
                $"{nameof(MaxFeatures)} bounds a vocabulary; with {nameof(HashingBits)} = {HashingBits} the feature count is fixed at 2^bits. Set one of them only.");
        }
    }
}
