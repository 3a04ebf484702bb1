using System.Text.Json.Nodes;
using HsActors.Learning.Tests.Reference;

namespace HsActors.Learning.Tests;

/// <summary>
/// Our TF-IDF against scikit-learn's TfidfVectorizer (word n-grams over whitespace tokens + char_wb n-grams, smooth idf)
/// on a fixed corpus of goods descriptions: the same vocabulary and the same matrix within 1e-5.
/// </summary>
public sealed class TfIdfSklearnReferenceTests
{
    private sealed record Case(string Name, TfIdfOptions Options);

    private static readonly Case[] Cases =
    [
        new("word1-2 char3-5 sublinear l2", new TfIdfOptions { SublinearTf = true, L2Normalize = true }),
        new("word1-2 char3-5 raw l2", new TfIdfOptions { SublinearTf = false, L2Normalize = true }),
        new("word1-2 raw unnormalised", new TfIdfOptions { CharNGramMax = 0, SublinearTf = false, L2Normalize = false }),
        new("char3-5 sublinear l2 min_df 2", new TfIdfOptions { WordNGramMax = 0, MinDocumentFrequency = 2 }),
        new("word1-3 char2-4 sublinear unnormalised min_df 2",
            new TfIdfOptions { WordNGramMax = 3, CharNGramMin = 2, CharNGramMax = 4, L2Normalize = false, MinDocumentFrequency = 2 }),
    ];

    [Fact]
    public void Matches_scikit_learn_vocabulary_and_matrix()
    {
        var documents = SklearnReference.GoodsDescriptions();
        Assert.True(documents.Count >= 50, $"reference corpus has only {documents.Count} descriptions");
        var configs = new JsonArray([.. Cases.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["word_max"] = c.Options.WordNGramMax,
            ["char_min"] = c.Options.CharNGramMin,
            ["char_max"] = c.Options.CharNGramMax,
            ["sublinear"] = c.Options.SublinearTf,
            ["l2"] = c.Options.L2Normalize,
            ["min_df"] = c.Options.MinDocumentFrequency,
        })]);
        var answer = SklearnReference.Run(new JsonObject
        {
            ["tfidf"] = new JsonObject { ["documents"] = SklearnReference.ToJsonArray(documents), ["configs"] = configs },
        });

        var results = answer["tfidf"]!.AsArray();
        Assert.Equal(Cases.Length, results.Count);
        for (var c = 0; c < Cases.Length; c++)
        {
            AssertSameAsSklearn(Cases[c], documents, results[c]!);
        }
    }

    private static void AssertSameAsSklearn(Case testCase, IReadOnlyList<string> documents, JsonNode reference)
    {
        var vectorizer = TfIdfVectorizer.Fit(documents, testCase.Options);

        // Same vocabulary: sklearn column -> our feature.
        var sklearnFeatures = reference["features"]!.AsArray()
            .Select(f => (Gram: (string)f!["gram"]!, Kind: (string)f["kind"]! == "word" ? TermKind.Word : TermKind.Char)).ToList();
        var ours = vectorizer.Vocabulary().Select(v => (v.Gram, v.Kind)).ToHashSet();
        var missing = sklearnFeatures.Where(f => !ours.Contains(f)).Take(5).ToList();
        var extra = ours.Except(sklearnFeatures).Take(5).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{testCase.Name}: vocabulary differs; sklearn only: [{string.Join(", ", missing)}], ours only: [{string.Join(", ", extra)}]");
        Assert.Equal(sklearnFeatures.Count, vectorizer.FeatureCount);
        var featureOfColumn = sklearnFeatures.Select(f =>
        {
            Assert.True(vectorizer.TryGetFeature(f.Gram, f.Kind, out var feature));
            return feature;
        }).ToArray();

        // Same matrix, entry by entry.
        var rows = reference["rows"]!.AsArray();
        Assert.Equal(documents.Count, rows.Count);
        var worst = 0.0;
        for (var d = 0; d < documents.Count; d++)
        {
            var expected = rows[d]!.AsArray().ToDictionary(e => featureOfColumn[(int)e![0]!], e => (double)e![1]!);
            var actual = vectorizer.Transform(documents[d]);
            Assert.True(expected.Count == actual.Count,
                $"{testCase.Name}, document {d} '{documents[d]}': sklearn has {expected.Count} non-zeros, we have {actual.Count}");
            for (var i = 0; i < actual.Count; i++)
            {
                Assert.True(expected.TryGetValue(actual.Indices[i], out var value),
                    $"{testCase.Name}, document {d}: feature {actual.Indices[i]} is not in sklearn's row");
                var difference = Math.Abs(value - actual.Values[i]);
                worst = Math.Max(worst, difference);
                Assert.True(difference <= 1e-5,
                    $"{testCase.Name}, document {d}, feature {actual.Indices[i]}: sklearn {value}, ours {actual.Values[i]}");
            }
        }
        Assert.True(worst <= 1e-5);
    }
}
