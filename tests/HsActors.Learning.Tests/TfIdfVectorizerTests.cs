using HsActors.Learning.Tests.Reference;

namespace HsActors.Learning.Tests;

public sealed class TfIdfVectorizerTests
{
    private static readonly IReadOnlyList<string> Corpus = SklearnReference.GoodsDescriptions();

    public static TheoryData<string> OptionSets() => ["default", "words-only", "chars-only", "paper", "hashed"];

    private static TfIdfOptions Named(string name) => name switch
    {
        "default" => new TfIdfOptions(),
        "words-only" => new TfIdfOptions { CharNGramMax = 0 },
        "chars-only" => new TfIdfOptions { WordNGramMax = 0, SublinearTf = false },
        "paper" => new TfIdfOptions { Idf = IdfFormula.Paper, SublinearTf = false },
        "hashed" => new TfIdfOptions { HashingBits = 12 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Transform_returns_sorted_unique_in_range_features_that_Terms_explains(string optionSet)
    {
        var options = Named(optionSet);
        var vectorizer = TfIdfVectorizer.Fit(Corpus, options);
        foreach (var document in Corpus)
        {
            var vector = vectorizer.Transform(document);
            Assert.NotEqual(0, vector.Count);
            Assert.Equal(vector.Indices.Length, vector.Values.Length);
            for (var i = 0; i < vector.Count; i++)
            {
                Assert.InRange(vector.Indices[i], 0, vectorizer.FeatureCount - 1);
                Assert.True(i == 0 || vector.Indices[i] > vector.Indices[i - 1], $"indices not strictly ascending in '{document}'");
                Assert.NotEqual(0f, vector.Values[i]);
            }
            if (options.L2Normalize)
            {
                Assert.Equal(1.0, Math.Sqrt(vector.Values.Sum(v => (double)v * v)), 5);
            }
            var explained = vectorizer.Terms(document).Select(t => t.Feature).ToHashSet();
            Assert.True(explained.SetEquals(vector.Indices), $"Terms and Transform disagree on '{document}'");
        }
    }

    [Fact]
    public void Char_ngrams_are_taken_inside_space_padded_words_like_char_wb()
    {
        var vectorizer = TfIdfVectorizer.Fit(["ab pvc"], new TfIdfOptions { WordNGramMax = 1 });
        // " ab " is 4 long: two 3-grams, then the whole padded word once at n = 4 and nothing for n = 5.
        string[] expected = ["ab", "pvc", "[_ab]", "[ab_]", "[_ab_]", "[_pv]", "[pvc]", "[vc_]", "[_pvc]", "[pvc_]", "[_pvc_]"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), vectorizer.Terms("ab pvc").Select(t => t.Term).Order(StringComparer.Ordinal));
        Assert.True(vectorizer.TryGetFeature("pvc", TermKind.Word, out var word));
        Assert.True(vectorizer.TryGetFeature("pvc", TermKind.Char, out var character));
        Assert.NotEqual(word, character);
        Assert.All(vectorizer.Terms("ab pvc"), t => Assert.Equal(t.Term, vectorizer.TermOf(t.Feature)));
    }

    [Fact]
    public void Word_ngrams_span_consecutive_tokens_and_whitespace_runs_do_not_matter()
    {
        var options = new TfIdfOptions { WordNGramMax = 3, CharNGramMax = 0 };
        var vectorizer = TfIdfVectorizer.Fit(["clutch disc assembly"], options);
        Assert.Equal(["clutch", "clutch disc", "clutch disc assembly", "disc", "disc assembly", "assembly"],
            vectorizer.Terms("clutch disc assembly").Select(t => t.Term));
        Assert.Equal(vectorizer.Transform("clutch disc assembly"), vectorizer.Transform("  clutch \t disc   assembly\n"), SparseVectorComparer.Instance);
    }

    [Fact]
    public void Paper_formula_is_count_over_document_length_times_log_n_over_one_plus_df()
    {
        string[] documents = ["pvc apron pvc", "pvc glove", "rubber glove", "steel screw", "steel pipe steel"];
        var options = new TfIdfOptions { WordNGramMax = 1, CharNGramMax = 0, Idf = IdfFormula.Paper, SublinearTf = false, L2Normalize = false };
        var vectorizer = TfIdfVectorizer.Fit(documents, options);
        foreach (var document in documents)
        {
            var tokens = document.Split(' ');
            var expected = tokens.Distinct().Select(term =>
            {
                var df = documents.Count(d => d.Split(' ').Contains(term));
                var weight = (double)tokens.Count(t => t == term) / tokens.Length * Math.Log((double)documents.Length / (1 + df));
                Assert.True(vectorizer.TryGetFeature(term, TermKind.Word, out var feature));
                return (feature, weight);
            }).Where(e => e.weight != 0).OrderBy(e => e.feature).ToList();
            var actual = vectorizer.Transform(document);
            Assert.Equal(expected.Select(e => e.feature), actual.Indices);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].weight, actual.Values[i], 6);
            }
        }
    }

    [Fact]
    public void MinDocumentFrequency_keeps_exactly_the_terms_seen_in_enough_documents()
    {
        var options = new TfIdfOptions { WordNGramMax = 1, CharNGramMax = 0, MinDocumentFrequency = 2 };
        var vectorizer = TfIdfVectorizer.Fit(Corpus, options);
        var expected = Corpus.SelectMany(d => d.Split(' ').Distinct()).CountBy(t => t)
            .Where(t => t.Value >= 2).Select(t => t.Key).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.True(expected.SetEquals(vectorizer.Vocabulary().Select(v => v.Gram)));
    }

    [Fact]
    public void MaxFeatures_keeps_the_most_frequent_terms_of_the_corpus()
    {
        var options = new TfIdfOptions { WordNGramMax = 1, CharNGramMax = 0, MaxFeatures = 15 };
        var vectorizer = TfIdfVectorizer.Fit(Corpus, options);
        var totals = Corpus.SelectMany(d => d.Split(' ')).CountBy(t => t).ToDictionary();
        var kept = vectorizer.Vocabulary().Select(v => v.Gram).ToHashSet();
        Assert.Equal(15, kept.Count);
        Assert.Equal(15, vectorizer.FeatureCount);
        var lowestKept = kept.Min(t => totals[t]);
        var highestDropped = totals.Where(t => !kept.Contains(t.Key)).Max(t => t.Value);
        Assert.True(lowestKept >= highestDropped, $"kept a term seen {lowestKept} times but dropped one seen {highestDropped} times");
    }

    [Fact]
    public void Vocabulary_ids_are_words_then_chars_each_in_ordinal_order()
    {
        var vectorizer = TfIdfVectorizer.Fit(Corpus, new TfIdfOptions());
        var ordered = vectorizer.Vocabulary().OrderBy(v => v.Feature).ToList();
        Assert.Equal(Enumerable.Range(0, vectorizer.FeatureCount), ordered.Select(v => v.Feature));
        var expected = ordered.OrderBy(v => v.Kind).ThenBy(v => v.Gram, StringComparer.Ordinal).Select(v => v.Feature);
        Assert.Equal(expected, ordered.Select(v => v.Feature));
    }

    [Fact]
    public void Hashing_without_collisions_gives_the_same_values_as_the_vocabulary()
    {
        var vocabularyOptions = new TfIdfOptions { CharNGramMax = 0 };
        var hashedOptions = vocabularyOptions with { HashingBits = 20 };
        var vocabulary = TfIdfVectorizer.Fit(Corpus, vocabularyOptions);
        var hashed = TfIdfVectorizer.Fit(Corpus, hashedOptions);
        Assert.Equal(1 << 20, hashed.FeatureCount);
        Assert.Empty(hashed.Vocabulary());
        Assert.Null(hashed.TermOf(0));

        // Precondition: no two terms share a bucket, so the hashed vectors are a relabelling of the vocabulary ones.
        var bucketOf = vocabulary.Vocabulary().ToDictionary(v => v.Feature, v =>
        {
            Assert.True(hashed.TryGetFeature(v.Gram, v.Kind, out var bucket));
            return bucket;
        });
        Assert.Equal(bucketOf.Count, bucketOf.Values.Distinct().Count());
        foreach (var document in Corpus)
        {
            var expected = vocabulary.Transform(document);
            var actual = hashed.Transform(document);
            var relabelled = expected.Indices.Select((f, i) => (Bucket: bucketOf[f], Value: expected.Values[i])).OrderBy(e => e.Bucket).ToList();
            Assert.Equal(relabelled.Select(e => e.Bucket), actual.Indices);
            Assert.Equal(relabelled.Select(e => e.Value), actual.Values);
        }
    }

    [Fact]
    public void Hashing_separates_word_and_char_grams_and_drops_unseen_buckets()
    {
        var hashed = TfIdfVectorizer.Fit(Corpus, new TfIdfOptions { HashingBits = 18 });
        Assert.True(hashed.TryGetFeature("pvc", TermKind.Word, out var word));
        Assert.True(hashed.TryGetFeature("pvc", TermKind.Char, out var character));
        Assert.NotEqual(word, character);
        Assert.Equal(SparseVector.Empty, hashed.Transform("qqqqqq zzzzzz"), SparseVectorComparer.Instance);
    }

    [Fact]
    public void Unknown_and_empty_documents_give_an_empty_vector()
    {
        var vectorizer = TfIdfVectorizer.Fit(Corpus, new TfIdfOptions());
        Assert.Equal(0, vectorizer.Transform("").Count);
        Assert.Equal(0, vectorizer.Transform("   ").Count);
        Assert.Equal(0, vectorizer.Transform("qqqqqq").Count);
        Assert.Empty(vectorizer.Terms("qqqqqq"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void Concurrent_transforms_give_the_same_vectors_as_sequential_ones(int hashingBits)
    {
        var vectorizer = TfIdfVectorizer.Fit(Corpus, new TfIdfOptions { HashingBits = hashingBits });
        var sequential = Corpus.Select(vectorizer.Transform).ToArray();
        var concurrent = new SparseVector[Corpus.Count * 20];
        Parallel.For(0, concurrent.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => concurrent[i] = vectorizer.Transform(Corpus[i % Corpus.Count]));
        for (var i = 0; i < concurrent.Length; i++)
        {
            Assert.Equal(sequential[i % Corpus.Count], concurrent[i], SparseVectorComparer.Instance);
        }
    }

    [Fact]
    public void Fit_enumerates_the_documents_only_once()
    {
        var documents = new SingleUseSequence(Corpus);
        var vectorizer = TfIdfVectorizer.Fit(documents, new TfIdfOptions());
        Assert.Equal(Corpus.Count, vectorizer.DocumentCount);
        Assert.Equal(1, documents.Enumerations);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_message_naming_the_problem()
    {
        Assert.Contains("WordNGramMax", Assert.Throws<ArgumentException>(() => TfIdfVectorizer.Fit(Corpus, new TfIdfOptions { WordNGramMax = -1 })).Message);
        Assert.Contains("CharNGramMin", Assert.Throws<ArgumentException>(() => TfIdfVectorizer.Fit(Corpus, new TfIdfOptions { CharNGramMin = 6 })).Message);
        Assert.Contains("no feature", Assert.Throws<ArgumentException>(() => TfIdfVectorizer.Fit(Corpus, new TfIdfOptions { WordNGramMax = 0, CharNGramMax = 0 })).Message);
        Assert.Contains("HashingBits", Assert.Throws<ArgumentException>(() => TfIdfVectorizer.Fit(Corpus, new TfIdfOptions { HashingBits = 25 })).Message);
        Assert.Contains("MaxFeatures", Assert.Throws<ArgumentException>(() => TfIdfVectorizer.Fit(Corpus, new TfIdfOptions { HashingBits = 10, MaxFeatures = 5 })).Message);
        Assert.Contains("zero documents", Assert.Throws<ArgumentException>(() => TfIdfVectorizer.Fit([], new TfIdfOptions())).Message);
        Assert.Contains("Document 1 is null", Assert.Throws<ArgumentException>(() => TfIdfVectorizer.Fit(["a", null!], new TfIdfOptions())).Message);
        Assert.Contains("Empty vocabulary", Assert.Throws<ArgumentException>(() => TfIdfVectorizer.Fit(["a", "b"], new TfIdfOptions { MinDocumentFrequency = 2 })).Message);
        Assert.Throws<ArgumentNullException>(() => TfIdfVectorizer.Fit(Corpus, new TfIdfOptions()).Transform(null!));
    }

    private sealed class SingleUseSequence(IEnumerable<string> items) : IEnumerable<string>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<string> GetEnumerator()
        {
            Enumerations++;
            return Enumerations == 1 ? items.GetEnumerator() : throw new InvalidOperationException("enumerated twice");
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
