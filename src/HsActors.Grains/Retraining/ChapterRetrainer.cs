using HsActors.Abstractions.Retraining;
using System.Collections.Concurrent;
using System.Diagnostics;
using HsActors.Abstractions.Models;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Training;
using HsActors.Learning;
using HsActors.ModelRegistry;
using HsActors.Nomenclature;

namespace HsActors.Grains.Retraining;

/// <summary>
/// Retrains one chapter: its bundled rows (featurized with the active router's featurizer, which the chapter's
/// features must index into) plus the officers' assessments of the chapter so far (each officer's distinct rows, capped:
/// <see cref="OfficerEvidence"/>), weighted, keeping the active
/// version's calibration. Two models are trained: the candidate on everything, and an evaluation twin that never sees
/// the chapter's evaluation split, whose held-out figures are compared with the active version's (measured the same
/// way: from its own twin, or for a version not made here, from a twin of the bundled rows alone). The candidate and
/// the active version are also both scored on the chapter's newest assessments.
/// </summary>
public sealed class ChapterRetrainer(ActiveModels models, CandidateRelease release, RetrainingOptions options, TimeProvider time)
{
    private readonly EvaluationSplit _split = new(options.EvaluationShare);
    private readonly ConcurrentDictionary<(string Chapter, string Version), EvaluationFigures> _baselines = new();
    private readonly ChapterTrainer _trainer = new(new TrainingOptions().ChapterSvm with { MaxDegreeOfParallelism = Math.Max(1, options.TrainingThreads) });

    // The dual solutions of each chapter's last candidate and twin. Their rows are the bundled rows then the officers'
    // rows in stream order, so the next retraining's rows extend them and can start from them (ChapterTrainer.Retrain
    // falls back to a cold start by itself when they do not fit). Lost on restart: the first retraining is then cold.
    private readonly ConcurrentDictionary<(string Chapter, bool Twin), ChapterTrainingState> _warm = new();

    public async Task<RetrainingOutcome> RetrainAsync(string chapter, IReadOnlyList<LedgerEntry> assessments, long through, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var code = HsCode.Parse(chapter);
        var (router, _) = await models.RouterAsync(cancellationToken).ConfigureAwait(false);
        var (active, activeManifest, pointer) = await models.ChapterAsync(chapter, cancellationToken).ConfigureAwait(false);
        var chapterAssessments = assessments.Where(a => a.Code.Level >= 6 && a.Code.Chapter == code).ToArray();
        var officer = OfficerEvidence.Rows(chapterAssessments, router.Featurizer.Clean, options.MaxRowsPerOfficer);

        var trained = await Task.Run(() => Train(code, router.Featurizer, active, activeManifest, officer), cancellationToken).ConfigureAwait(false);

        var version = ModelVersionIds.New(time.GetUtcNow());
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["trainingSeconds"] = clock.Elapsed.TotalSeconds,
        };
        foreach (var figure in trained.HeldOut.ToFigures("heldOut").Concat(trained.Baseline.ToFigures("baseline.heldOut"))
            .Concat(trained.RecentCandidate.ToFigures("recent.candidate")).Concat(trained.RecentActive.ToFigures("recent.active")))
        {
            figures[figure.Key] = figure.Value;
        }
        var metadata = new ModelMetadata
        {
            Version = version,
            ParentVersion = activeManifest?.Version,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = RetrainingSummary.CreatedBy,
            TrainingRows = trained.Rows,
            Figures = figures,
        };
        var draft = new ModelVersionDraft
        {
            Version = version,
            ParentVersion = activeManifest?.Version,
            CreatedBy = RetrainingSummary.CreatedBy,
            CreatedAt = metadata.CreatedAt,
            Figures = figures,
            TrainingSummary = new Dictionary<string, TrainingSummaryValue>
            {
                ["source"] = "bundled corpus + officers' assessments",
                ["baseRows"] = trained.BaseRows,
                ["officerRows"] = officer.Length,
                ["officerWeight"] = options.OfficerWeight,
                ["evaluationRows"] = trained.HeldOut.Rows,
                ["recentRows"] = trained.RecentCandidate.Rows,
                ["calibration"] = active is null ? "temperature 1 (no active version)" : "kept from " + activeManifest!.Version,
                [RetrainingSummary.EvaluationSplit] = _split.Id,
                [RetrainingSummary.AssessmentsThrough] = through,
            },
            Notes = "Retrained from officers' assessments.",
        };
        return await release.ReleaseAsync(chapter, ChapterModelFile.Write(trained.Candidate, metadata), draft, pointer, Regression(trained),
            OfficerEvidence.Hold(chapterAssessments, activeManifest, options.MinOfficersToAutoPromote), through, officer.Length, startedAt, clock.Elapsed, cancellationToken).ConfigureAwait(false);
    }

    private string? Regression(TrainedCandidate trained)
    {
        var reasons = new List<string?>
        {
            release.Regression("held-out top-1 at 6 digits", trained.HeldOut.Top1At6, trained.Baseline.Top1At6),
        };
        if (trained.HeldOut.RowsAt8 > 0)
        {
            reasons.Add(release.Regression("held-out top-1 at 8 digits", trained.HeldOut.Top1At8, trained.Baseline.Top1At8));
        }
        if (trained.RecentCandidate.Rows > 0)
        {
            reasons.Add(trained.RecentCandidate.RowsAt8 > 0
                ? release.Regression("recent assessments top-1 at 8 digits", trained.RecentCandidate.Top1At8, trained.RecentActive.Top1At8)
                : release.Regression("recent assessments top-1 at 6 digits", trained.RecentCandidate.Top1At6, trained.RecentActive.Top1At6));
        }
        var found = reasons.OfType<string>().ToArray();
        return found.Length == 0 ? null : string.Join("; ", found);
    }

    private TrainedCandidate Train(HsCode chapter, DescriptionFeaturizer featurizer, ChapterModel? active, ModelVersionManifest? activeManifest, LedgerEntry[] officer)
    {
        var baseRows = Featurize(featurizer, BundledChapterRows.Of(chapter.Digits).Where(r => r.Code.Level >= 6).Select(r => (r.Description, r.Code)), 1f, splittable: true);
        var officerRows = Featurize(featurizer, officer.Select(a => (a.Record.Description, a.Code)), options.OfficerWeight, splittable: false);
        if (baseRows.Count + officerRows.Count == 0)
        {
            throw new InvalidOperationException($"Chapter {chapter} has no training rows.");
        }
        var evaluation = baseRows.Where(r => r.Evaluation).Select(r => (r.Features, r.Code)).ToArray();

        var candidate = Calibrate(RetrainWarm(chapter, twin: false, Rows(baseRows.Concat(officerRows))), active);
        var twin = Calibrate(RetrainWarm(chapter, twin: true, Rows(baseRows.Where(r => !r.Evaluation).Concat(officerRows))), active);
        var heldOut = ChapterEvaluation.Score(twin, evaluation);

        var recent = officerRows.TakeLast(options.RecentAssessments).Select(r => (r.Features, r.Code)).ToArray();
        return new TrainedCandidate(
            candidate, baseRows.Count + officerRows.Count, baseRows.Count, heldOut,
            Baseline(chapter, featurizer, active, activeManifest, baseRows, evaluation),
            ChapterEvaluation.Score(candidate, recent), ChapterEvaluation.Score(active, recent));
    }

    private ChapterModel RetrainWarm(HsCode chapter, bool twin, FeaturizedRows rows)
    {
        var key = (chapter.Digits, twin);
        var retrained = _trainer.Retrain(chapter, rows, _warm.TryGetValue(key, out var previous) ? previous : null);
        _warm[key] = retrained.State;
        return retrained.Model;
    }

    /// <summary>The active version's held-out figures, measured the way the candidate's are.</summary>
    private EvaluationFigures Baseline(HsCode chapter, DescriptionFeaturizer featurizer, ChapterModel? active, ModelVersionManifest? manifest,
        List<FeaturizedRow> baseRows, (SparseVector, HsCode)[] evaluation)
    {
        if (active is null || manifest is null)
        {
            return EvaluationFigures.Empty;
        }
        if (manifest.TrainingSummary.TryGetValue(RetrainingSummary.EvaluationSplit, out var split) && split.Text == _split.Id
            && EvaluationFigures.FromFigures(manifest.Figures, "heldOut") is { } stored)
        {
            return stored;
        }
        // A version not made here (the bootstrap) saw the evaluation rows; its stand-in is a twin of the bundled rows alone.
        return _baselines.GetOrAdd((chapter.Digits, manifest.Version), _ =>
            ChapterEvaluation.Score(Calibrate(_trainer.Train(chapter, Rows(baseRows.Where(r => !r.Evaluation)), null, null), active), evaluation));
    }

    private static ChapterModel Calibrate(ChapterModel trained, ChapterModel? active) =>
        active is null ? trained : trained.WithCalibration(active.SubheadingCalibration, active.NationalLineCalibration);

    private List<FeaturizedRow> Featurize(DescriptionFeaturizer featurizer, IEnumerable<(string Description, HsCode Code)> rows, float weight, bool splittable)
    {
        var result = new List<FeaturizedRow>();
        foreach (var (description, code) in rows)
        {
            var cleaned = featurizer.Clean(description);
            if (cleaned.Length > 0)
            {
                result.Add(new FeaturizedRow(featurizer.Featurize(cleaned), code, weight, splittable && _split.IsEvaluation(cleaned)));
            }
        }
        return result;
    }

    private static FeaturizedRows Rows(IEnumerable<FeaturizedRow> rows)
    {
        var list = rows.ToArray();
        // No calibration pass here (the active version's temperatures are kept), so no row is held out.
        return new FeaturizedRows([.. list.Select(r => r.Features)], [.. list.Select(r => r.Code)], [.. list.Select(r => r.Weight)], new bool[list.Length], new bool[list.Length]);
    }

    private sealed record FeaturizedRow(SparseVector Features, HsCode Code, float Weight, bool Evaluation);

    private sealed record TrainedCandidate(ChapterModel Candidate, int Rows, int BaseRows, EvaluationFigures HeldOut, EvaluationFigures Baseline,
        EvaluationFigures RecentCandidate, EvaluationFigures RecentActive);
}
