namespace HsActors.Corpus;

/// <summary>
/// Outcome of one <see cref="DeclarationImporter.ReadAsync"/> run. Every bad row is counted in
/// <see cref="Malformed"/>; only the first <see cref="MaxErrorEntries"/> keep their line number and reason.
/// Updated as rows stream, so it is complete once the enumeration ends. Not thread-safe: one report per run.
/// </summary>
public sealed class ImportReport
{
    public const int MaxErrorEntries = 1000;

    private readonly List<(long Line, string Reason)> errors = [];

    public long Accepted;
    public long Malformed;

    /// <summary>1-based line numbers (record numbers for a JSON array) and what was wrong, first ones only.</summary>
    public IReadOnlyList<(long Line, string Reason)> Errors => errors;

    /// <summary>Bytes of the file consumed when the run ended (or so far).</summary>
    public long BytesRead { get; internal set; }

    public override string ToString() => $"{Accepted} accepted, {Malformed} malformed";

    internal void Reject(long line, string reason)
    {
        Malformed++;
        if (errors.Count < MaxErrorEntries)
        {
            errors.Add((line, reason));
        }
    }
}
