using System.Text.Json.Serialization;
using HsActors.Contracts;

namespace HsActors.Abstractions.Statistics;

/// <summary>
/// An importer's statistics as an immutable snapshot: <see cref="Apply"/> returns a new one, so a grain can hand its
/// current snapshot to concurrent readers while a write turn builds the next.
/// </summary>
[GenerateSerializer, Immutable, Alias("hsactors.importer-statistics")]
public sealed record ImporterStatistics
{
    [Id(0)]
    public required string ImporterId { get; init; }

    [Id(1)]
    public long Declarations { get; init; }

    [Id(2)]
    public long Assessments { get; init; }

    [Id(3)]
    public long Corrections { get; init; }

    [Id(4)]
    public DateTimeOffset? FirstSeen { get; init; }

    [Id(5)]
    public DateTimeOffset? LastSeen { get; init; }

    [Id(6)]
    public IReadOnlyDictionary<string, KeyTally> Codes { get; init; } = KeyTallies.Empty;

    [Id(7)]
    public IReadOnlyDictionary<string, KeyTally> Chapters { get; init; } = KeyTallies.Empty;

    [Id(8)]
    public IReadOnlyDictionary<string, KeyTally> Agents { get; init; } = KeyTallies.Empty;

    [Id(9)]
    public IReadOnlyDictionary<string, KeyTally> OriginCountries { get; init; } = KeyTallies.Empty;

    /// <summary>
    /// The highest assessment-stream offset applied to these statistics. The stream consumer applies an importer's
    /// assessments in offset order, so an entry at or below this mark was already counted: it is the mark, stored
    /// atomically with the counts it guards, that makes assessment counting exactly-once across crashes.
    /// </summary>
    [Id(10)]
    public long? AssessmentStreamOffset { get; init; }

    /// <summary>Codes counted, i.e. declarations that carried a valid declared code.</summary>
    [JsonIgnore]
    public long CodedDeclarations => Chapters.Values.Sum(t => t.Count);

    [JsonIgnore]
    public bool IsEmpty => Declarations == 0 && Assessments == 0 && Corrections == 0;

    public static ImporterStatistics Empty(string importerId) => new() { ImporterId = importerId };

    /// <summary>True when <paramref name="streamOffset"/> is at or below the applied mark, i.e. already counted.</summary>
    public bool HasApplied(long streamOffset) => AssessmentStreamOffset is { } applied && streamOffset <= applied;

    /// <returns>The statistics with the delta added; this very instance when the delta's stream offset was already applied.</returns>
    public ImporterStatistics Apply(ImporterDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (!string.Equals(delta.ImporterId, ImporterId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A delta for importer '{delta.ImporterId}' cannot be applied to importer '{ImporterId}'.", nameof(delta));
        }
        if (delta.StreamOffset is { } offset && HasApplied(offset))
        {
            return this;
        }
        var chapters = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, count) in delta.Codes)
        {
            var chapter = code.Length >= 2 ? code[..2] : code;
            chapters[chapter] = chapters.GetValueOrDefault(chapter) + count;
        }
        return this with
        {
            Declarations = Declarations + delta.Declarations,
            Assessments = Assessments + delta.Assessments,
            Corrections = Corrections + delta.Corrections,
            FirstSeen = FirstSeen is { } first && first <= delta.At ? first : delta.At,
            LastSeen = LastSeen is { } last && last >= delta.At ? last : delta.At,
            Codes = KeyTallies.Merge(Codes, delta.Codes, delta.At),
            Chapters = KeyTallies.Merge(Chapters, chapters, delta.At),
            Agents = KeyTallies.Merge(Agents, delta.Agents, delta.At),
            OriginCountries = KeyTallies.Merge(OriginCountries, delta.OriginCountries, delta.At),
            AssessmentStreamOffset = delta.StreamOffset ?? AssessmentStreamOffset,
        };
    }

    public ImporterSummary ToSummary(int top = 5) => new(
        ImporterId, Declarations, Assessments, Corrections, LastSeen,
        KeyTallies.Top(Codes, top), KeyTallies.Top(Chapters, top), KeyTallies.Top(OriginCountries, top), KeyTallies.Top(Agents, top));
}
