using HsActors.Classification.ModelFiles;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Index;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Tests;

public sealed class SemanticIndexTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private static readonly LabeledDescription[] Rows =
    [
        new("Handbags, with outer surface of leather", HsCode.Parse("420221"), DescriptionSources.Wco),
        new("Fish fillets, frozen: of cod", HsCode.Parse("030471"), DescriptionSources.Wco),
        new("Bolts and nuts of iron or steel", HsCode.Parse("731816"), DescriptionSources.Wco),
        new("Tas tangan dari kulit", HsCode.Parse("42022100"), DescriptionSources.BtkiIndonesian),
    ];

    [Fact]
    public void IndexRowsLeaveOutIndonesianTextsAndDuplicates()
    {
        var rows = SemanticIndexBuilder.IndexRows([.. Rows, Rows[0]]);
        Assert.Equal(3, rows.Count);
        Assert.DoesNotContain(rows, r => r.Source == DescriptionSources.BtkiIndonesian);
    }

    [Fact]
    public void NearestRowIsTheParaphraseAndSurvivesTheFile()
    {
        var index = SemanticIndexBuilder.Build(fixture.Embedder, SemanticIndexBuilder.IndexRows(Rows));
        var query = fixture.Embedder.Embed("frozen cod fillet 1kg");
        var found = new Neighbour[2];
        Assert.Equal(2, index.Search(query, found));
        Assert.Equal("030471", found[0].Code.Digits);
        Assert.True(found[0].Similarity > found[1].Similarity);

        var file = SemanticIndexFile.Write(index, new ModelMetadata { Version = "test" });
        var (read, metadata) = SemanticIndexFile.Read(file, "test");
        Assert.Equal("test", metadata.Version);
        var again = new Neighbour[2];
        read.Search(query, again);
        Assert.Equal(found, again);

        file[^40] ^= 1;
        Assert.Throws<ModelFileException>(() => SemanticIndexFile.Read(file, "damaged"));
    }

    [Fact]
    public void AnAssessedDescriptionIsFoundByTheNextSearch()
    {
        var index = SemanticIndexBuilder.Build(fixture.Embedder, SemanticIndexBuilder.IndexRows(Rows));
        var query = fixture.Embedder.Embed("magnetic dragon pendant necklace");
        var found = new Neighbour[1];
        index.Search(query, found);
        Assert.NotEqual("71171900", found[0].Code.Digits);

        SemanticIndexBuilder.Add(index, fixture.Embedder, [("green dragon magnetic pendant", HsCode.Parse("71171900"))]);
        index.Search(query, found);
        Assert.Equal("71171900", found[0].Code.Digits);
        Assert.Equal(4, index.Count);
    }

    [Fact]
    public void IndexFilesOfAnotherEncoderAreRefused()
    {
        var directory = Directory.CreateTempSubdirectory("hs-semantic-test-");
        try
        {
            var foreign = new SemanticIndex("another encoder", MiniLmResources.Dimensions,
                [EmbeddingSegment.FromEmbeddings(MiniLmResources.Dimensions, [HsCode.Parse("420221")], new float[MiniLmResources.Dimensions])]);
            File.WriteAllBytes(SemanticIndexDirectory.PathIn(directory.FullName), SemanticIndexFile.Write(foreign, new ModelMetadata()));
            Assert.Throws<ModelFileException>(() => SemanticIndexDirectory.Load(directory.FullName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
        Assert.False(directory.Exists && Directory.Exists(directory.FullName));
    }
}
