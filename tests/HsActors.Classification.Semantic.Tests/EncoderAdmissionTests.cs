using HsActors.Classification.Hierarchy;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Tests;

public sealed class EncoderAdmissionTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    // The hierarchy unsure of its first code (0.2 < the cascade's 0.4), so the cascade wants the encoder.
    private static readonly ClassificationResult Unsure = new("x",
        [new(HsCode.Parse("640299"), 0.2f), new(HsCode.Parse("401699"), 0.15f), new(HsCode.Parse("090121"), 0.1f)],
        [new(HsCode.Parse("64"), 0.3f), new(HsCode.Parse("40"), 0.2f), new(HsCode.Parse("09"), 0.1f)]);

    [Fact]
    public void ALimitAdmitsThatManyAtOnceAndNoLimitAdmitsAll()
    {
        var admission = new EncoderAdmission(2);
        Assert.True(admission.TryEnter());
        Assert.True(admission.TryEnter());
        Assert.False(admission.TryEnter());
        Assert.True(admission.TryEnter(mustEncode: true));
        Assert.Equal(3, admission.InFlight);
        admission.Exit();
        admission.Exit();
        Assert.True(admission.TryEnter());

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(EncoderAdmission.Unlimited.TryEnter()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EncoderAdmission(-1));
    }

    [Fact]
    public void WithEverySlotTakenTheCascadeKeepsTheHierarchysAnswerAndFullModeStillEncodes()
    {
        var admission = new EncoderAdmission(1);
        var fusion = Fusion(admission);
        Assert.True(admission.TryEnter());

        var shed = fusion.Refine(Unsure, "rubber garden boots for men", 3, HierarchicalClassifier.SubheadingLevel, ClassificationMode.Cascade);
        Assert.True(shed.EncoderBusy);
        Assert.False(shed.EncoderConsulted);
        Assert.Equal(Unsure.Recommendations, shed.Result.Recommendations);

        var full = fusion.Refine(Unsure, "rubber garden boots for men", 3, HierarchicalClassifier.SubheadingLevel, ClassificationMode.Full);
        Assert.True(full.EncoderConsulted);
        Assert.False(full.EncoderBusy);
        Assert.Equal(1, admission.InFlight);

        // Full mode cached the line's embedding: a cascade line that needs no encoding needs no slot either.
        var cached = fusion.Refine(Unsure, "rubber garden boots for men", 3, HierarchicalClassifier.SubheadingLevel, ClassificationMode.Cascade);
        Assert.True(cached.EncoderConsulted);
        Assert.False(cached.EncoderBusy);

        admission.Exit();
        var freed = fusion.Refine(Unsure, "ground black pepper in jars", 3, HierarchicalClassifier.SubheadingLevel, ClassificationMode.Cascade);
        Assert.True(freed.EncoderConsulted);
        Assert.Equal(0, admission.InFlight);
    }

    private SemanticFusion Fusion(EncoderAdmission admission)
    {
        var rows = SemanticIndexBuilder.IndexRows(BundledCorpus.HmrcReferences().Where(r => r.Code.Chapter.Digits is "09" or "40" or "64").Take(60));
        return new SemanticFusion(fixture.Embedder, SemanticIndexBuilder.Build(fixture.Embedder, rows), new IndonesianTextDetector(HsNomenclature.Bundled),
            new FusionOptions(), new EmbeddingCache(100), admission);
    }
}
