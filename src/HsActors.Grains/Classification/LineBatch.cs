using System.Collections.Concurrent;
using HsActors.Abstractions.Overrides;
using HsActors.Abstractions.Statistics;
using HsActors.Contracts;
using HsActors.Grains.Serving;
using HsActors.Learning;

namespace HsActors.Grains.Classification;

/// <summary>The lines of one request ranked in parallel, off any grain's scheduler.</summary>
internal static class LineBatch
{
    /// <summary>
    /// Cleanses and vectorizes every line, then ranks the lines in parallel. A line that needs a chapter still loading is
    /// set aside (its thread does not block on the load, which needs pool threads itself) and ranked again once the
    /// chapters it waited for are in memory; in steady state every chapter is loaded and each line is ranked once.
    /// </summary>
    public static async Task<ClassifyResponse[]> RankAsync(
        LineClassifier classifier, ClassifyRequest[] lines, Dictionary<string, ImporterStatistics>? histories, bool explain, IOverrideStore? overrides,
        int parallelism)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
        var prepared = new (string Cleaned, SparseVector Features)[lines.Length];
        ForEachLine(lines.Length, parallel, i =>
        {
            var cleaned = classifier.Clean(lines[i].Description);
            prepared[i] = (cleaned, classifier.Features(lines[i], cleaned));
        });
        var results = new ClassifyResponse[lines.Length];
        var pending = RankLines([.. Enumerable.Range(0, lines.Length)]);
        while (!pending.IsEmpty)
        {
            await Task.WhenAll(pending.Select(p => p.Load).Distinct()).ConfigureAwait(false);
            pending = RankLines([.. pending.Select(p => p.Line)]);
        }
        return results;

        ConcurrentBag<(int Line, Task Load)> RankLines(int[] indices)
        {
            var waiting = new ConcurrentBag<(int Line, Task Load)>();
            ForEachLine(indices.Length, parallel, k =>
            {
                var i = indices[k];
                try
                {
                    results[i] = ClassifyLine(classifier, lines[i], prepared[i].Cleaned, prepared[i].Features, History(histories, lines[i]), explain, overrides);
                }
                catch (ChapterLoadPendingException e)
                {
                    waiting.Add((i, e.Load));
                }
            });
            return waiting;
        }
    }

    private static ClassifyResponse ClassifyLine(LineClassifier classifier, ClassifyRequest line, string cleaned, SparseVector features,
        ImporterStatistics? history, bool explain, IOverrideStore? overrides)
    {
        OfficerOverride? officer = null;
        if (overrides is not null && cleaned.Length > 0)
        {
            // The store answers from memory (its contract), so the lookup completes synchronously on this worker thread.
            var lookup = overrides.FindAsync(cleaned, line.ImporterId);
            officer = lookup.IsCompletedSuccessfully ? lookup.Result : lookup.AsTask().GetAwaiter().GetResult();
        }
        return classifier.Classify(line, cleaned, features, history, explain, officer);
    }

    private static void ForEachLine(int count, ParallelOptions parallel, Action<int> body)
    {
        if (count == 1)
        {
            body(0);
            return;
        }
        Parallel.For(0, count, parallel, body);
    }

    private static ImporterStatistics? History(Dictionary<string, ImporterStatistics>? histories, ClassifyRequest line) =>
        histories is not null && line.ImporterId is { } importer ? histories.GetValueOrDefault(importer) : null;
}
