using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Streaming;
using HsActors.Contracts;

namespace HsActors.Grains.Audit;

/// <summary>
/// Builds the audit entries of the decisions the silo makes, so every host records them alike. Model pointer changes
/// and retraining runs go through <see cref="ModelPointer"/> and <see cref="Retraining"/>.
/// </summary>
public static class AuditEntries
{
    private const string DescriptionSubjectPrefix = "sha256:";
    private const int SubjectHashLength = 16;
    private const int Sha256HexLength = 2 * SHA256.HashSizeInBytes;
    private const int MaxStackBytes = 1024;

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    /// <summary>
    /// A classification answer. Subject: the caller's line id, else <c>sha256:</c> and the first 16 hex digits of the
    /// description's hash (<see cref="DescriptionSubject"/>). The description itself is not kept, its full hash is.
    /// </summary>
    public static AuditEntry Classification(ClassifyRequest request, ClassifyResponse response, string actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        Span<char> hash = stackalloc char[Sha256HexLength];
        Sha256Hex(request.Description ?? "", hash);
        var json = AuditDetailsJson.Start();
        json.WriteString("descriptionSha256", hash);
        WriteIfSet(json, "lineId", request.Id);
        WriteIfSet(json, "importerId", request.ImporterId);
        WriteIfSet(json, "declaredCode", request.DeclaredCode);
        json.WriteBoolean("fromOfficerAssessment", response.FromOfficerAssessment);
        json.WriteStartArray("codes");
        foreach (var recommendation in response.Recommendations)
        {
            json.WriteStartObject();
            json.WriteString("code", recommendation.Code);
            json.WriteNumber("probability", recommendation.Probability);
            WriteIfSet(json, "source", recommendation.Source);
            WriteIfSet(json, "assessmentId", recommendation.AssessmentId);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("modelVersions");
        foreach (var (model, version) in response.ModelVersions)
        {
            json.WriteString(model, version);
        }
        json.WriteEndObject();
        if (response.DeclaredCodeCheck is { } check)
        {
            json.WriteString("declaredCodeVerdict", check.Verdict.ToString());
        }
        var details = AuditDetailsJson.Finish(json);
        var subject = request.Id ?? string.Concat(DescriptionSubjectPrefix, hash[..SubjectHashLength]);
        return new AuditEntry(NewId(), AuditKind.Classification, at, actor, subject, details);
    }

    /// <summary>The subject under which the answer for a line without id is recorded.</summary>
    public static string DescriptionSubject(string description) => DescriptionSubjectPrefix + Sha256Hex(description)[..SubjectHashLength];

    /// <summary>An accepted assessment (subject: its id; actor: the officer), with where the stream holds it.</summary>
    public static AuditEntry Assessment(AssessmentRecord record, StreamAppendResult appended, string apiKeyName, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(record);
        var details = Json(json =>
        {
            json.WriteNumber("offset", appended.Offset);
            json.WriteBoolean("duplicate", appended.Duplicate);
            json.WriteString("apiKey", apiKeyName);
            WriteIfSet(json, "declarationId", record.DeclarationId);
            json.WriteString("descriptionSha256", Sha256Hex(record.Description));
            WriteIfSet(json, "declaredCode", record.DeclaredCode);
            json.WriteString("assessedCode", record.AssessedCode);
            WriteIfSet(json, "importerId", record.ImporterId);
            WriteIfSet(json, "originCountry", record.OriginCountry);
            json.WriteString("assessedAt", record.AssessedAt);
        });
        return new AuditEntry(NewId(), AuditKind.Assessment, at, record.OfficerId, record.AssessmentId, details);
    }

    /// <summary>A model pointer change (promotion, rollback, canary, shadow, pin); <paramref name="detailsJson"/> is the change as a JSON object.</summary>
    public static AuditEntry ModelPointer(string chapter, string actor, DateTimeOffset at, string detailsJson) =>
        Decision(AuditKind.ModelPointer, chapter, actor, at, detailsJson);

    /// <summary>A retraining run and its candidate's figures; <paramref name="detailsJson"/> is a JSON object.</summary>
    public static AuditEntry Retraining(string chapter, string actor, DateTimeOffset at, string detailsJson) =>
        Decision(AuditKind.Retraining, chapter, actor, at, detailsJson);

    private static AuditEntry Decision(AuditKind kind, string subject, string actor, DateTimeOffset at, string detailsJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(detailsJson);
        return new AuditEntry(NewId(), kind, at, actor, subject, detailsJson);
    }

    private static string NewId() => AuditIds.New();

    private static string Sha256Hex(string text)
    {
        Span<char> hex = stackalloc char[Sha256HexLength];
        Sha256Hex(text, hex);
        return new string(hex);
    }

    /// <summary>Hashes without allocating, on a per-thread hash object: every classified line is hashed.</summary>
    private static void Sha256Hex(string text, Span<char> hex)
    {
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = length > MaxStackBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var utf8 = rented ?? stackalloc byte[MaxStackBytes];
            sha256.AppendData(utf8[..Encoding.UTF8.GetBytes(text, utf8)]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            sha256.GetHashAndReset(hash);
            Convert.TryToHexStringLower(hash, hex, out _);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string Json(Action<Utf8JsonWriter> writeMembers)
    {
        var json = AuditDetailsJson.Start();
        writeMembers(json);
        return AuditDetailsJson.Finish(json);
    }
}
