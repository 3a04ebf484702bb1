using System.Diagnostics;
using HsActors.Abstractions.Streaming;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Contracts;
using HsActors.Grains.Retraining;
using HsActors.Grains.Serving;
using HsActors.Nomenclature;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace HsActors.Grains.Tests;

public sealed class SemanticAssessmentLearnerTests(EncoderFixture encoder, ITestOutputHelper output) : IClassFixture<EncoderFixture>
{
    private static readonly string Code = HsNomenclature.Bundled.AtLevel(8).First().Code.Digits;

    private readonly AssessmentLedger _ledger = new();
    private long _nextOffset;

    [Fact]
    public void ANewIndexGetsTheLedgersUsableEnglishAssessmentsBeforeItServes()
    {
        var (stage, learner) = Create();
        Read(Record("a-1", "stainless steel hex bolts, zinc plated"));
        Read(Record("a-2", "sepatu kulit dengan sol karet untuk pria"));
        Read(Record("a-3", "wooden garden bench", assessedCode: "not a code"));
        Read(Record("a-4", "cotton tote bags with printed logo"));
        var index = EmptyIndex();

        learner.Serve(encoder.Embedder, index, "v1");

        Assert.Equal("v1", stage.IndexVersion);
        Assert.Equal(2, index.Count); // the Indonesian description and the unreadable code are passed over
        Assert.Equal(2, stage.IndexRows);
    }

    [Fact]
    public async Task AnIndexHoldsAnAssessmentOnceHoweverItArrivesAndACorrectionUnderANewIdIsAnotherRow()
    {
        var (_, learner) = Create();
        learner.Serve(encoder.Embedder, EmptyIndex(), "v1");
        var index = EmptyIndex();
        Read(Record("b-1", "ceramic coffee mug, 350 ml"));
        learner.Serve(encoder.Embedder, index, "v2");
        Assert.Equal(1, index.Count);

        // The receiving silo learns its own at once; the stream then hands the same assessment over again.
        var received = Record("b-2", "leather wallet with coin pocket");
        learner.Learn(received);
        await learner.IdleAsync();
        Assert.Equal(2, index.Count);
        Read(received, learner);
        Read(Record("b-1", "ceramic coffee mug, 350 ml"), learner);
        await learner.IdleAsync();
        Assert.Equal(2, index.Count);

        // The officer corrects b-2 under a new id: that is a new row, the old one stays.
        Read(Record("b-3", "leather wallet with coin pocket", HsNomenclature.Bundled.AtLevel(8).Skip(1).First().Code.Digits), learner);
        learner.Added(Record("b-4", "sepatu kulit dengan sol karet untuk pria"));
        await learner.IdleAsync();
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public async Task AssessmentsArrivingWhileAReplayRunsEndUpInTheNewIndexExactlyOnce()
    {
        const int Replayed = 1500;
        var (stage, learner) = Create();
        learner.Serve(encoder.Embedder, EmptyIndex(), "v1");
        for (var i = 0; i < Replayed; i++)
        {
            Read(Record($"c-{i}", Description(i)));
        }
        var index = EmptyIndex();

        var clock = Stopwatch.StartNew();
        var replay = Task.Run(() => learner.Serve(encoder.Embedder, index, "v2"));
        var arrived = 0;
        var duringReplay = 0;
        // New assessments, and some the receiving silo learned itself before the stream handed them over, keep
        // coming while the replay encodes; then a few more once the new index serves.
        while (!replay.IsCompleted || arrived < duringReplay + 20)
        {
            var id = $"c-{Replayed + arrived}";
            var record = Record(id, Description(Replayed + arrived));
            if (arrived % 3 == 0)
            {
                learner.Learn(record);
            }
            Read(record, learner);
            arrived++;
            duringReplay += replay.IsCompleted ? 0 : 1;
            await Task.Delay(5);
        }
        await replay;
        await learner.IdleAsync();
        output.WriteLine($"Replayed {Replayed:N0} assessments into a new index in {clock.Elapsed.TotalSeconds:F1} s (1 encoder thread); {duringReplay} arrived meanwhile, {arrived} in all.");

        Assert.True(duringReplay > 0, "no assessment arrived while the replay ran: the test did not exercise the race");
        Assert.Equal("v2", stage.IndexVersion);
        Assert.Equal(Replayed + arrived, index.Count);
    }

    private (SemanticStage Stage, SemanticAssessmentLearner Learner) Create()
    {
        var stage = new SemanticStage(new FusionOptions(), encoder.Language, new EmbeddingCache(16), ClassificationModes.Cascade);
        return (stage, new SemanticAssessmentLearner(stage, _ledger, encoder.Language, NullLogger<SemanticAssessmentLearner>.Instance));
    }

    private SemanticIndex EmptyIndex() => new(MiniLmResources.EncoderId, encoder.Embedder.Dimensions, []);

    /// <summary>What the ledger reader does with a stream entry: into the ledger, then to the observer.</summary>
    private void Read(AssessmentRecord record, IAssessmentLedgerObserver? observer = null)
    {
        _ledger.Add(new StreamEntry(_nextOffset++, record));
        observer?.Added(record);
    }

    private static string Description(int i) => $"assorted goods lot {i}: {(i % 2 == 0 ? "steel bolts and nuts" : "cotton shirts, long sleeves")}";

    private static AssessmentRecord Record(string id, string description, string? assessedCode = null) => new()
    {
        AssessmentId = id,
        Description = description,
        AssessedCode = assessedCode ?? Code,
        OfficerId = "officer-1",
        AssessedAt = DateTimeOffset.UnixEpoch,
    };
}
