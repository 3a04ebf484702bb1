using HsActors.Abstractions.Statistics;

namespace HsActors.Grains.Statistics;

/// <summary>One line of the importer log: a delta to apply, or (after compaction) an importer's whole statistics.</summary>
internal sealed record DeltaLogEntry(ImporterDelta? Delta, ImporterStatistics? Snapshot);
