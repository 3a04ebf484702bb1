using System.Globalization;
using HsActors.Abstractions.Streaming;
using HsActors.Contracts;
using HsActors.Nomenclature;
using HsActors.Silo.Hosting;

namespace HsActors.Silo.Api;

/// <summary>
/// Checks assessments field by field and turns valid ones into stream records with codes as bare digits. The assessed
/// code must be a subheading or national line of the nomenclature (10 digits are cut to the 8-digit national line);
/// the declared code need only be an HS code, since a wrong declaration is what an assessment corrects.
/// </summary>
internal sealed class AssessmentRequestValidator(RequestLimits limits, AssessmentSettings settings, TimeProvider time)
{
    private const int MaxReportedFields = 100;

    public (AssessmentRecord? Record, Dictionary<string, string[]>? Errors) Validate(AssessmentRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var record = Validate(request, "", errors);
        return errors.Count == 0 ? (record, null) : (null, errors);
    }

    public (IReadOnlyList<AssessmentRecord>? Records, Dictionary<string, string[]>? Errors) Validate(BatchAssessmentRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var records = new List<AssessmentRecord>();
        if (request.Assessments is null || request.Assessments.Count == 0)
        {
            errors["assessments"] = [string.Create(CultureInfo.InvariantCulture,
                $"assessments is required: an array of 1 to {BatchAssessmentRequest.MaxAssessments:N0} assessments.")];
        }
        else if (request.Assessments.Count > BatchAssessmentRequest.MaxAssessments)
        {
            errors["assessments"] = [string.Create(CultureInfo.InvariantCulture,
                $"A batch holds at most {BatchAssessmentRequest.MaxAssessments:N0} assessments; this one has {request.Assessments.Count:N0}.")];
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < request.Assessments.Count && errors.Count < MaxReportedFields; i++)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"assessments[{i}].");
                if (request.Assessments[i] is not { } assessment)
                {
                    errors[prefix.TrimEnd('.')] = ["An assessment must be a JSON object, not null."];
                    continue;
                }
                if (Validate(assessment, prefix, errors) is { } record)
                {
                    if (!seen.Add(record.AssessmentId))
                    {
                        errors[prefix + "assessmentId"] = [$"assessmentId '{record.AssessmentId}' occurs twice in this batch."];
                    }
                    records.Add(record);
                }
            }
        }
        return errors.Count == 0 ? (records, null) : (null, errors);
    }

    private AssessmentRecord? Validate(AssessmentRequest request, string prefix, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        RequestFields.Identifier(request.AssessmentId, prefix + "assessmentId", errors, required: true);
        RequestFields.Identifier(request.DeclarationId, prefix + "declarationId", errors);
        RequestFields.Description(request.Description, prefix + "description", limits.MaxDescriptionLength, errors);
        RequestFields.Identifier(request.OfficerId, prefix + "officerId", errors, required: true);
        RequestFields.Identifier(request.ImporterId, prefix + "importerId", errors);
        var origin = RequestFields.OriginCountry(request.OriginCountry, prefix + "originCountry", errors);
        var assessed = AssessedCode(request.AssessedCode, prefix + "assessedCode", errors);
        string? declared = null;
        if (request.DeclaredCode is { } declaredText)
        {
            if (HsCode.TryParse(declaredText, out var code))
            {
                declared = code.Digits;
            }
            else
            {
                errors[prefix + "declaredCode"] = ["declaredCode must be an HS code of 2, 4, 6, 8 or 10 digits; dots and spaces are allowed (8714.10.90)."];
            }
        }
        if (request.AssessedAt == default)
        {
            errors[prefix + "assessedAt"] = ["assessedAt is required: an ISO 8601 date and time with offset (2025-01-31T09:30:00+07:00)."];
        }
        else if (request.AssessedAt > time.GetUtcNow() + settings.MaxClockSkew)
        {
            errors[prefix + "assessedAt"] = [$"assessedAt {request.AssessedAt:O} lies in the future."];
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new AssessmentRecord
        {
            AssessmentId = request.AssessmentId,
            DeclarationId = request.DeclarationId,
            Description = request.Description,
            DeclaredCode = declared,
            AssessedCode = assessed!,
            OfficerId = request.OfficerId,
            ImporterId = request.ImporterId,
            OriginCountry = origin,
            AssessedAt = request.AssessedAt,
        };
    }

    private static string? AssessedCode(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = ["assessedCode is required: the subheading (6 digits) or national line (8) the officer decided."];
            return null;
        }
        if (!HsCode.TryParse(text, out var code))
        {
            errors[field] = ["assessedCode must be an HS code of 6, 8 or 10 digits; dots and spaces are allowed (8714.10.90)."];
            return null;
        }
        if (code.Level < 6)
        {
            errors[field] = [$"assessedCode {code} names a {(code.Level == 2 ? "chapter" : "heading")}; an assessment decides a subheading (6 digits) or national line (8)."];
            return null;
        }
        code = code.AtMostNationalLine();
        if (!HsNomenclature.Bundled.IsValid(code))
        {
            errors[field] = [$"assessedCode {code} is not in the HS 2022 / BTKI 2022 nomenclature."];
            return null;
        }
        return code.Digits;
    }
}
