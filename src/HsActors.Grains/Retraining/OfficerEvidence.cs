using HsActors.Abstractions.Models;

namespace HsActors.Grains.Retraining;

/// <summary>
/// What officers' assessments may do to a model. One officer (or one stolen officer key) sending the same correction
/// hundreds of times must not move every importer's answers: an officer's identical rows count once, an officer adds
/// at most <see cref="RetrainingOptions.MaxRowsPerOfficer"/> rows to a key's training, and a candidate is promoted
/// automatically only when the assessments since the active version come from at least
/// <see cref="RetrainingOptions.MinOfficersToAutoPromote"/> officers. The importer's own override applies at once regardless.
/// </summary>
internal static class OfficerEvidence
{
    /// <summary>The rows a retraining learns from, in stream order: each officer's latest distinct rows, capped.</summary>
    /// <param name="clean">The featurizer's cleansing, so rows that differ only in case or punctuation are one row.</param>
    public static LedgerEntry[] Rows(IEnumerable<LedgerEntry> entries, Func<string, string> clean, int maxPerOfficer)
    {
        var latest = new Dictionary<(string Officer, string Description, string Code), LedgerEntry>();
        foreach (var entry in entries)
        {
            latest[(entry.Record.OfficerId, clean(entry.Record.Description), entry.Code.Digits)] = entry;
        }
        return
        [
            .. latest.Values
                .GroupBy(e => e.Record.OfficerId, StringComparer.Ordinal)
                .SelectMany(officer => officer.OrderBy(e => e.Offset).TakeLast(maxPerOfficer))
                .OrderBy(e => e.Offset),
        ];
    }

    /// <returns>Why the candidate waits for an administrator, or null when enough officers stand behind it.</returns>
    public static string? Hold(IEnumerable<LedgerEntry> entries, ModelVersionManifest? active, int minOfficers)
    {
        var since = ThroughOf(active);
        var officers = entries.Where(e => e.Offset > since).Select(e => e.Record.OfficerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return officers.Length >= minOfficers
            ? null
            : $"the assessments since the active version come from {officers.Length} officer(s) ({string.Join(", ", officers)}); "
              + $"automatic promotion needs {minOfficers} (HsActors:Retraining:MinOfficersToAutoPromote)";
    }

    /// <summary>The stream offset the active version learned up to; 0 for a version not made by a retraining.</summary>
    private static long ThroughOf(ModelVersionManifest? active) =>
        active is not null && active.TrainingSummary.TryGetValue(RetrainingSummary.AssessmentsThrough, out var through) && through.Number is { } n
            ? (long)n
            : 0;
}
