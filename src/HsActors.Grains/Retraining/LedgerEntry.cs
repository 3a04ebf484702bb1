using HsActors.Abstractions.Streaming;
using HsActors.Nomenclature;

namespace HsActors.Grains.Retraining;

/// <summary>One assessment as the retrainers use it: its stream offset and the assessed code, at most 8 digits.</summary>
public sealed record LedgerEntry(long Offset, AssessmentRecord Record, HsCode Code);
