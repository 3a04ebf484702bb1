using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Statistics;
using HsActors.Abstractions.Streaming;

namespace HsActors.Grains.Assessments;

/// <summary>
/// Counts assessments into their importers' statistics, exactly once. Each delta carries its stream offset into the
/// durable importer store, and the statistics keep the highest offset applied (stored atomically with the counts), so
/// an entry replayed after a crash — the consumer resumes from its last saved offset, which can lag — is recognised
/// and skipped. The consumer applies entries in offset order, which is what makes one high-water mark per importer enough.
/// </summary>
public sealed class ImporterAssessmentProjection(IGrainFactory grains)
{
    /// <summary>The consumer name under which the stream position is saved.</summary>
    public const string ConsumerName = "importer-statistics";

    public async ValueTask ApplyAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Record.ImporterId is not { } importerId)
        {
            return;
        }
        var importer = grains.GetGrain<IImporterGrain>(importerId);
        var statistics = await importer.GetStatisticsAsync().ConfigureAwait(false);
        if (statistics.HasApplied(entry.Offset))
        {
            return;
        }
        cancellationToken.ThrowIfCancellationRequested();
        await importer.RecordAsync(DeltaOf(entry)).ConfigureAwait(false);
    }

    /// <summary>One assessment, one correction when the officer changed the declared code, the assessed code tallied.</summary>
    public static ImporterDelta DeltaOf(StreamEntry entry)
    {
        var record = entry.Record;
        return new ImporterDelta
        {
            ImporterId = record.ImporterId ?? throw new ArgumentException("The assessment names no importer.", nameof(entry)),
            At = record.AssessedAt,
            Assessments = 1,
            Corrections = IsCorrection(record.DeclaredCode, record.AssessedCode) ? 1 : 0,
            Codes = new Dictionary<string, long>(StringComparer.Ordinal) { [record.AssessedCode] = 1 },
            StreamOffset = entry.Offset,
        };
    }

    /// <summary>
    /// A correction changes the declared code. Codes of different lengths are compared at the shorter one's level: an
    /// officer who refines a declared subheading to one of its national lines has not corrected it.
    /// </summary>
    public static bool IsCorrection(string? declaredCode, string assessedCode)
    {
        if (declaredCode is null)
        {
            return false;
        }
        var level = Math.Min(declaredCode.Length, assessedCode.Length);
        return !declaredCode.AsSpan(0, level).SequenceEqual(assessedCode.AsSpan(0, level));
    }
}
