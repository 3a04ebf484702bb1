using HsActors.Abstractions.Retraining;
using System.Diagnostics;
using HsActors.Abstractions.Models;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Training;
using HsActors.Grains.Models;
using HsActors.ModelRegistry;
using HsActors.Nomenclature;

namespace HsActors.Grains.Retraining;

/// <summary>
/// Retrains the router's weights when officers move lines between chapters: the bundled rows of the router's chapters
/// (and of any chapter an officer assessed into) plus every assessment, weighted, over the active router's featurizer
/// (a new vocabulary would invalidate every chapter model) and with its calibration. Candidate and active router are
/// compared on chapter top-1 over the evaluation split of the bundled rows (both trained on them: a fit check, not a
/// generalisation figure) and over the newest chapter-moving assessments.
/// </summary>
public sealed class RouterRetrainer(ActiveModels models, CandidateRelease release, RetrainingOptions options, TimeProvider time)
{
    private readonly EvaluationSplit _split = new(options.EvaluationShare);

    public async Task<RetrainingOutcome> RetrainAsync(IReadOnlyList<LedgerEntry> assessments, IReadOnlyList<LedgerEntry> moved, long through, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var (active, manifest) = await models.RouterAsync(cancellationToken).ConfigureAwait(false);
        var pointer = await models.Registry.GetPointerAsync(IModelStore.RouterKey, cancellationToken).ConfigureAwait(false);
        var rows = OfficerEvidence.Rows(assessments, active.Featurizer.Clean, options.MaxRowsPerOfficer);
        var result = await Task.Run(() => Train(active, rows, moved), cancellationToken).ConfigureAwait(false);

        var version = ModelVersionIds.New(time.GetUtcNow());
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["trainingSeconds"] = clock.Elapsed.TotalSeconds,
            ["fit.rows"] = result.FitRows,
            ["fit.candidate.chapterTop1"] = result.FitCandidate,
            ["fit.active.chapterTop1"] = result.FitActive,
            ["recent.rows"] = result.RecentRows,
            ["recent.candidate.chapterTop1"] = result.RecentCandidate,
            ["recent.active.chapterTop1"] = result.RecentActive,
        };
        var draft = new ModelVersionDraft
        {
            Version = version,
            ParentVersion = manifest.Version,
            CreatedBy = RetrainingSummary.CreatedBy,
            CreatedAt = time.GetUtcNow(),
            Figures = figures,
            TrainingSummary = new Dictionary<string, TrainingSummaryValue>
            {
                ["source"] = "bundled corpus + officers' assessments",
                ["baseRows"] = result.BaseRows,
                ["officerRows"] = result.OfficerRows,
                ["officerWeight"] = options.OfficerWeight,
                ["chapters"] = result.Router.Chapters.Count,
                ["featurizer"] = "kept from " + manifest.Version,
                [RetrainingSummary.AssessmentsThrough] = through,
            },
            Notes = "Router retrained after officers moved lines between chapters.",
        };
        var metadata = new ModelMetadata
        {
            Version = version, ParentVersion = manifest.Version, CreatedAt = draft.CreatedAt!.Value, CreatedBy = RetrainingSummary.CreatedBy,
            TrainingRows = result.BaseRows + result.OfficerRows, Figures = figures,
        };
        var regression = new[]
        {
            release.Regression("bundled rows chapter top-1", result.FitCandidate, result.FitActive),
            result.RecentRows > 0 ? release.Regression("recent chapter-moving assessments chapter top-1", result.RecentCandidate, result.RecentActive) : null,
        }.OfType<string>().ToArray();
        return await release.ReleaseAsync(IModelStore.RouterKey, RouterModelFile.Write(result.Router, metadata), draft, pointer,
            regression.Length == 0 ? null : string.Join("; ", regression), OfficerEvidence.Hold(moved, manifest, options.MinOfficersToAutoPromote),
            through, result.OfficerRows, startedAt, clock.Elapsed, cancellationToken).ConfigureAwait(false);
    }

    private RouterResult Train(RouterModel active, IReadOnlyList<LedgerEntry> assessments, IReadOnlyList<LedgerEntry> moved)
    {
        var featurizer = active.Featurizer;
        var chapters = active.Chapters.Select(c => c.Digits).Concat(assessments.Select(a => a.Code.Chapter.Digits)).Distinct(StringComparer.Ordinal).ToArray();
        var vectors = new List<Learning.SparseVector>();
        var codes = new List<HsCode>();
        var weights = new List<float>();
        var fit = new List<(Learning.SparseVector, HsCode)>();
        foreach (var row in chapters.SelectMany(BundledChapterRows.Of))
        {
            var cleaned = featurizer.Clean(row.Description);
            if (cleaned.Length == 0)
            {
                continue;
            }
            var features = featurizer.Featurize(cleaned);
            vectors.Add(features);
            codes.Add(row.Code);
            weights.Add(1f);
            if (_split.IsEvaluation(cleaned))
            {
                fit.Add((features, row.Code));
            }
        }
        var baseRows = vectors.Count;
        foreach (var assessment in assessments)
        {
            var cleaned = featurizer.Clean(assessment.Record.Description);
            if (cleaned.Length > 0)
            {
                vectors.Add(featurizer.Featurize(cleaned));
                codes.Add(assessment.Code);
                weights.Add(options.OfficerWeight);
            }
        }
        var trainer = new HierarchicalTrainer(new TrainingOptions
        {
            CalibrationHoldout = 0,
            // The same blend as the active router, not the build's defaults: the candidate is compared with it.
            RouterNaiveBayesWeight = active.SecondOpinion?.Weight ?? 0f,
            RouterNaiveBayesAlpha = active.SecondOpinion?.Model.Alpha ?? new TrainingOptions().RouterNaiveBayesAlpha,
            RouterSvm = new TrainingOptions().RouterSvm with { MaxDegreeOfParallelism = Math.Max(1, options.TrainingThreads) },
        });
        var rows = new FeaturizedRows([.. vectors], [.. codes], [.. weights], new bool[vectors.Count], new bool[vectors.Count]);
        var trained = trainer.TrainRouter(featurizer, rows);
        var candidate = trained.WithCalibration(active.Calibration);
        var recent = moved.TakeLast(options.RecentAssessments)
            .Select(a => (Features: featurizer.Featurize(featurizer.Clean(a.Record.Description)), a.Code)).ToArray();
        return new RouterResult(candidate, baseRows, vectors.Count - baseRows, fit.Count, ChapterTop1(candidate, fit), ChapterTop1(active, fit),
            recent.Length, ChapterTop1(candidate, recent), ChapterTop1(active, recent));
    }

    private static double ChapterTop1(RouterModel router, IReadOnlyList<(Learning.SparseVector Features, HsCode Code)> rows)
    {
        if (rows.Count == 0)
        {
            return 0;
        }
        var hits = 0;
        var probabilities = new float[router.Chapters.Count];
        foreach (var (features, code) in rows)
        {
            router.ChapterProbabilities(features, probabilities);
            var best = 0;
            for (var i = 1; i < probabilities.Length; i++)
            {
                if (probabilities[i] > probabilities[best])
                {
                    best = i;
                }
            }
            hits += router.Chapters[best] == code.Chapter ? 1 : 0;
        }
        return (double)hits / rows.Count;
    }

    private sealed record RouterResult(RouterModel Router, int BaseRows, int OfficerRows, int FitRows, double FitCandidate, double FitActive,
        int RecentRows, double RecentCandidate, double RecentActive);
}
