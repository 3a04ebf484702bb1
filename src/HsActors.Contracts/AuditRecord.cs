using System.Text.Json;

namespace HsActors.Contracts;

/// <summary>One entry of <c>GET /v1/audit</c>.</summary>
/// <param name="Kind">Classification, Assessment, ModelPointer or Retraining.</param>
/// <param name="Details">The decision as recorded: a JSON object, or a JSON string for free-text details.</param>
public sealed record AuditRecord(string Id, string Kind, DateTimeOffset At, string Actor, string Subject, JsonElement Details);
