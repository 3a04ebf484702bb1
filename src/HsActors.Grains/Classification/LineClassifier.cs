using HsActors.Abstractions.Overrides;
using HsActors.Abstractions.Statistics;
using HsActors.Classification.Explanations;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Importers;
using HsActors.Classification.Listings;
using HsActors.Contracts;
using HsActors.Grains.Models;
using HsActors.Grains.Serving;
using HsActors.Learning;
using HsActors.Nomenclature;
using ContractChapter = HsActors.Contracts.ChapterProbability;

namespace HsActors.Grains.Classification;

/// <summary>
/// One validated line → its full answer: ranking by the hierarchy over the chapters this silo serves,
/// optional importer-history re-ranking, labels, explanations, the declared-code check and the versions used.
/// Thread-safe: everything per line lives on the stack or in per-line objects.
/// </summary>
internal sealed class LineClassifier
{
    private const string RouterVersionKey = "router";

    private readonly VersionedRouter _router;
    private readonly ModelCache _chapters;
    private readonly NomenclatureLabels _labels;
    private readonly ClassificationOptions _options;
    private readonly DeclaredCodeJudge _judge;
    private readonly SemanticStage? _semantic;

    public LineClassifier(VersionedRouter router, ModelCache chapters, NomenclatureLabels labels, ClassificationOptions options, SemanticStage? semantic = null)
    {
        _router = router;
        _chapters = chapters;
        _labels = labels;
        _options = options;
        _semantic = semantic;
        _judge = new DeclaredCodeJudge(labels.Nomenclature, options.DeclaredCodeAgreementThreshold);
    }

    public VersionedRouter Router => _router;

    public DeclaredCodeJudge Judge => _judge;

    /// <summary>The description as the model sees it after cleansing: also the key of the override table.</summary>
    public string Clean(string description) => _router.Model.Featurizer.Clean(description);

    public ClassifyResponse Classify(ClassifyRequest line, ImporterStatistics? history, bool explain) =>
        Classify(line, Clean(line.Description), history, explain, officer: null);

    /// <param name="cleaned">The line's description after <see cref="Clean"/>.</param>
    /// <param name="officer">An officer's decision for the same goods: it becomes the first recommendation, the model's follow.</param>
    public ClassifyResponse Classify(ClassifyRequest line, string cleaned, ImporterStatistics? history, bool explain, OfficerOverride? officer) =>
        Classify(line, cleaned, Features(line, cleaned), history, explain, officer);

    /// <summary>
    /// What the hierarchy ranks: the features of the line's <see cref="ListingText"/>, i.e. of its cleaned description
    /// alone unless the line carries a category or telling attributes. The override key stays the description's.
    /// </summary>
    public SparseVector Features(ClassifyRequest line, string cleaned) => _router.Model.Featurizer.Featurize(RankedText(line, cleaned));

    private string RankedText(ClassifyRequest line, string cleaned)
    {
        var text = ListingText.Compose(line.Description, line.Category, line.Attributes);
        return ReferenceEquals(text, line.Description) ? cleaned : Clean(text);
    }

    /// <param name="features">The line's <see cref="Features"/>, when the caller already has them.</param>
    public ClassifyResponse Classify(ClassifyRequest line, string cleaned, SparseVector features, ImporterStatistics? history, bool explain, OfficerOverride? officer)
    {
        var featurizer = _router.Model.Featurizer;
        var pinned = new PinnedChapterModels(_chapters, RequestKey(line));
        var classifier = new HierarchicalClassifier(_router.Model, pinned, _options.Hierarchy);
        var top = line.Top ?? ClassificationOptions.DefaultTop;
        var boost = history is not null && _options.ImporterHistoryWeight > 0 && history.CodedDeclarations > 0
            ? new ImporterHistoryBoost(_options.ImporterHistoryWeight, new ImporterStatisticsHistory(history))
            : null;
        var level = line.Level ?? HierarchicalClassifier.NationalLevel;
        var mode = _semantic?.ModeFor(line.Mode) ?? ClassificationModes.Fast;
        var ranked = classifier.Rank(features, _semantic?.HierarchyDepth(mode, top) ?? top, out var chapterRanking, level, boost);
        var (encoderConsulted, encoderBusy) = (false, false);
        if (_semantic is not null)
        {
            (ranked, encoderConsulted, encoderBusy) = _semantic.Rank(line, cleaned, ranked, chapterRanking, mode, top, level);
        }

        pinned.OfferToShadows(features, line.Description);
        var officerCode = officer is not null && HsCode.TryParse(officer.Code, out var parsed) ? parsed : (HsCode?)null;
        var check = line.DeclaredCode is not { } declared ? null
            : officerCode is { } assessed ? _judge.CheckAgainstAssessment(declared, assessed, officer!.AssessmentId)
            // An importer's own history never vouches for the code it declares: with a boost, the first code is not the model's alone.
            : _judge.Check(declared, ranked, chapterRanking, _router.Model, pinned, features, firstIsTheModels: boost is null);
        var terms = explain && ranked.Count > 0 ? DescriptionTerms.Of(featurizer.Vectorizer, RankedText(line, cleaned), features) : null;
        Recommendation[] recommendations;
        if (officerCode is { } code)
        {
            // The officer's code first with certainty; the model's own ranking below it, without repeating that code.
            // The officer decided it, not the model's weights, so it carries no term explanation.
            var first = Describe(new CodeRecommendation(code, 1f), pinned, terms: null) with
            {
                Source = Recommendation.OfficerOverrideSource,
                AssessmentId = officer!.AssessmentId,
            };
            recommendations = [first, .. ranked.Where(r => r.Code != code).Take(top - 1).Select(r => Describe(r, pinned, terms))];
        }
        else
        {
            recommendations = new Recommendation[ranked.Count];
            for (var i = 0; i < ranked.Count; i++)
            {
                recommendations[i] = Describe(ranked[i], pinned, terms);
            }
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
            FromOfficerAssessment = officerCode is not null,
            Mode = mode,
            EncoderConsulted = encoderConsulted,
            EncoderBusy = encoderBusy,
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
