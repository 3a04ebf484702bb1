using HsActors.Abstractions.Statistics;
using HsActors.Classification.Explanations;
using HsActors.Classification.Hierarchy;
using HsActors.Contracts;
using HsActors.Grains.Models;
using HsActors.Nomenclature;
using ContractChapter = HsActors.Contracts.ChapterProbability;

namespace HsActors.Grains.Classification;

/// <summary>
/// One validated line → its full answer: ranking by the hierarchy over the chapter grains' active versions,
/// optional importer-history re-ranking, labels, explanations, the declared-code check and the versions used.
/// Thread-safe: everything per line lives on the stack or in per-line objects.
/// </summary>
internal sealed class LineClassifier
{
    private const string RouterVersionKey = "router";

    private readonly VersionedRouter _router;
    private readonly ChapterGrainDirectory _chapters;
    private readonly NomenclatureLabels _labels;
    private readonly ClassificationOptions _options;
    private readonly DeclaredCodeJudge _judge;
    private readonly ImporterHistoryReranker _reranker;

    public LineClassifier(VersionedRouter router, ChapterGrainDirectory chapters, NomenclatureLabels labels, ClassificationOptions options)
    {
        _router = router;
        _chapters = chapters;
        _labels = labels;
        _options = options;
        _judge = new DeclaredCodeJudge(labels.Nomenclature, options.DeclaredCodeAgreementThreshold);
        _reranker = new ImporterHistoryReranker(options.ImporterHistoryWeight);
    }

    public VersionedRouter Router => _router;

    public DeclaredCodeJudge Judge => _judge;

    public ClassifyResponse Classify(ClassifyRequest line, ImporterStatistics? history, bool explain)
    {
        var featurizer = _router.Model.Featurizer;
        var cleaned = featurizer.Clean(line.Description);
        var features = featurizer.Featurize(cleaned);
        var pinned = new PinnedChapterModels(_chapters, RequestKey(line));
        var classifier = new HierarchicalClassifier(_router.Model, pinned, _options.Hierarchy);
        var top = line.Top ?? ClassificationOptions.DefaultTop;
        var rerank = history is not null && _options.ImporterHistoryWeight > 0 && history.CodedDeclarations > 0;
        var ranked = classifier.Rank(features, rerank ? top + _options.ImporterHistoryCandidates : top, out var chapterRanking);
        if (rerank)
        {
            ranked = _reranker.Rerank(ranked, history!, top);
        }

        pinned.OfferToShadows(features);
        var check = line.DeclaredCode is { } declared ? _judge.Check(declared, ranked, _router.Model, pinned, features) : null;
        var terms = explain && ranked.Count > 0 ? DescriptionTerms.Of(featurizer.Vectorizer, cleaned, features) : null;
        var recommendations = new Recommendation[ranked.Count];
        for (var i = 0; i < ranked.Count; i++)
        {
            recommendations[i] = Describe(ranked[i], pinned, terms);
        }
        var chapters = new ContractChapter[chapterRanking.Count];
        for (var i = 0; i < chapters.Length; i++)
        {
            var chapter = chapterRanking[i].Chapter;
            chapters[i] = new ContractChapter(chapter.Digits, chapterRanking[i].Probability, _labels.Of(chapter).En);
        }
        return new ClassifyResponse
        {
            Id = line.Id,
            Recommendations = recommendations,
            Chapters = chapters,
            ModelVersions = Versions(pinned),
            DeclaredCodeCheck = check,
        };
    }

    /// <summary>What the canary split is keyed by: the line's id when the caller gives one, else its text.</summary>
    public static string RequestKey(ClassifyRequest line) => line.Id ?? line.Description;

    private Recommendation Describe(CodeRecommendation code, PinnedChapterModels pinned, DescriptionTerms? terms)
    {
        var (en, id) = _labels.Of(code.Code);
        IReadOnlyList<TermWeight> explanation = [];
        if (terms is not null && pinned.Pin(code.Code.Chapter) is { } chapter)
        {
            var contributions = TermExplainer.Explain(terms, chapter.Model, code.Code, _options.ExplanationTerms);
            explanation = [.. contributions.Select(c => new TermWeight(c.Term, c.Weight))];
        }
        return new Recommendation(code.Code.Digits, code.Probability, code.Code.Chapter.Digits, en, id, explanation);
    }

    private Dictionary<string, string> Versions(PinnedChapterModels pinned)
    {
        var versions = new Dictionary<string, string>(pinned.Count + 1, StringComparer.Ordinal)
        {
            [RouterVersionKey] = _router.Metadata.Version,
        };
        foreach (var (chapter, version) in pinned.Pinned)
        {
            if (version is not null)
            {
                versions[chapter.Digits] = version.Metadata.Version;
            }
        }
        return versions;
    }
}
