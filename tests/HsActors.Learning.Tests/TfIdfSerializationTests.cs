using HsActors.Learning.Tests.Reference;

namespace HsActors.Learning.Tests;

public sealed class TfIdfSerializationTests
{
    private static readonly IReadOnlyList<string> Corpus = SklearnReference.GoodsDescriptions();

    public static TheoryData<int, IdfFormula, bool> Variants() => new()
    {
        { 0, IdfFormula.Smooth, true },
        { 0, IdfFormula.Paper, false },
        { 14, IdfFormula.Smooth, true },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void WriteTo_then_ReadFrom_reproduces_the_vectorizer(int hashingBits, IdfFormula idf, bool sublinear)
    {
        var options = new TfIdfOptions { HashingBits = hashingBits, Idf = idf, SublinearTf = sublinear, MinDocumentFrequency = 2 };
        var original = TfIdfVectorizer.Fit(Corpus, options);

        var copy = RoundTrip(original);

        Assert.Equal(original.Options, copy.Options);
        Assert.Equal(original.FeatureCount, copy.FeatureCount);
        Assert.Equal(original.DocumentCount, copy.DocumentCount);
        Assert.Equal(original.Vocabulary().OrderBy(v => v.Feature), copy.Vocabulary().OrderBy(v => v.Feature));
        foreach (var document in Corpus.Append("pvc apron unknownword"))
        {
            Assert.Equal(original.Transform(document), copy.Transform(document), SparseVectorComparer.Instance);
            Assert.Equal(original.Terms(document), copy.Terms(document));
        }
    }

    [Fact]
    public void Hashed_model_stays_compact_and_keeps_no_strings()
    {
        var hashed = TfIdfVectorizer.Fit(Corpus, new TfIdfOptions { HashingBits = 10 });
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            hashed.WriteTo(writer);
        }
        Assert.InRange(stream.Length, 4 << 10, (4 << 10) + 200);   // 2^10 float idf values plus a small header
    }

    [Fact]
    public void ReadFrom_rejects_foreign_or_truncated_data()
    {
        using (var foreign = new MemoryStream())
        {
            using (var writer = new BinaryWriter(foreign, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write("something else");
            }
            foreign.Position = 0;
            var error = Assert.Throws<InvalidDataException>(() => TfIdfVectorizer.ReadFrom(new BinaryReader(foreign)));
            Assert.Contains("Not a TF-IDF vectorizer", error.Message);
        }

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            TfIdfVectorizer.Fit(Corpus, new TfIdfOptions()).WriteTo(writer);
        }
        var truncated = new MemoryStream(stream.ToArray()[..(int)(stream.Length / 2)]);
        Assert.Contains("Truncated", Assert.Throws<InvalidDataException>(() => TfIdfVectorizer.ReadFrom(new BinaryReader(truncated))).Message);
    }

    private static TfIdfVectorizer RoundTrip(TfIdfVectorizer vectorizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            vectorizer.WriteTo(writer);
        }
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var copy = TfIdfVectorizer.ReadFrom(reader);
        Assert.Equal(stream.Length, stream.Position);   // everything written is read back
        return copy;
    }
}
