namespace HsActors.Abstractions.Audit;

/// <summary>
/// One decision, recorded so it can be explained afterwards. <see cref="Details"/> is the JSON of the decision itself
/// (request and answer, assessment, pointer change), kept verbatim rather than re-derived later.
/// </summary>
/// <param name="Id">Unique id of the entry (a GUID string unless the caller has a natural one).</param>
/// <param name="Actor">Who caused it: API key name, officer id, or "retrainer".</param>
/// <param name="Subject">What it is about: declaration or line id, assessment id, or chapter key.</param>
public sealed record AuditEntry(
    string Id,
    AuditKind Kind,
    DateTimeOffset At,
    string Actor,
    string Subject,
    string Details);
