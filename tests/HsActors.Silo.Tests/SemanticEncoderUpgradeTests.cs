using HsActors.Abstractions.Models;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Index;
using HsActors.Nomenclature;

namespace HsActors.Silo.Tests;

/// <summary>An index an earlier build's encoder made is active in the registry: the silo replaces it rather than serve nothing.</summary>
[Collection(SiloCollection.Name)]
public sealed class SemanticEncoderUpgradeTests(SmallModel model, SmallSemanticIndex index) : IClassFixture<SmallSemanticIndex>
{
    private const string EarlierVersion = "semantic-float-encoder";

    [Fact]
    public async Task An_index_of_another_encoder_is_replaced_by_one_of_this_builds_and_served()
    {
        using var data = new TempDirectory();
        await using (var earlier = await LifecycleSilo.StartAsync(model, dataDirectory: data.Path))
        {
            var foreign = new SemanticIndex("all-MiniLM-L6-v2, float weights (an earlier build)", MiniLmResources.Dimensions,
                [EmbeddingSegment.FromEmbeddings(MiniLmResources.Dimensions, [HsCode.Parse("640399")], UnitVector())]);
            await earlier.Registry.PublishAsync(SemanticSilo.Key, SemanticIndexFile.Write(foreign, new ModelMetadata { Version = EarlierVersion }),
                new ModelVersionDraft { Version = EarlierVersion, CreatedBy = "an earlier build" });
            await earlier.Registry.PromoteAsync(SemanticSilo.Key, EarlierVersion, "tests");
        }

        // Without the replacement the stage never serves, and this start times out waiting for a "full" answer.
        await using var silo = await SemanticSilo.StartAsync(model, index, data.Path);

        var detail = await SemanticSilo.ServedAsync(silo, SmallSemanticIndex.Version);
        Assert.Equal(SmallSemanticIndex.Version, detail["chapter"]!["activeVersion"]!.GetValue<string>());
        var last = detail["history"]!.AsArray()[0]!;
        Assert.Equal("promote", last["action"]!.GetValue<string>());
        Assert.Equal(EarlierVersion, last["fromVersion"]!.GetValue<string>());
        Assert.Equal(SmallSemanticIndex.Version, last["toVersion"]!.GetValue<string>());
        Assert.Contains(detail["versions"]!.AsArray(), v => v!["version"]!.GetValue<string>() == EarlierVersion);
    }

    private static float[] UnitVector()
    {
        var vector = new float[MiniLmResources.Dimensions];
        vector[0] = 1f;
        return vector;
    }
}
