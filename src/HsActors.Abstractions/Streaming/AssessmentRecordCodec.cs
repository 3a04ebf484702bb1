using System.Text.Json;

namespace HsActors.Abstractions.Streaming;

/// <summary>
/// The wire and log encoding of an assessment (camelCase UTF-8 JSON), shared by every stream implementation so
/// that a log written in embedded mode can be replayed into a cluster stream unchanged.
/// </summary>
public static class AssessmentRecordCodec
{
    private const int MaxIdLength = 256;

    /// <summary>Validates and encodes; throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public static byte[] Encode(AssessmentRecord record)
    {
        Validate(record);
        return JsonSerializer.SerializeToUtf8Bytes(record, AssessmentJsonContext.Default.AssessmentRecord);
    }

    /// <summary>Decodes and validates; throws <see cref="InvalidDataException"/> when the payload is not an assessment.</summary>
    public static AssessmentRecord Decode(ReadOnlySpan<byte> utf8Json)
    {
        AssessmentRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(utf8Json, AssessmentJsonContext.Default.AssessmentRecord);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Assessment payload is not valid JSON: {e.Message}", e);
        }
        if (record is null)
            throw new InvalidDataException("Assessment payload is the JSON literal null.");
        try
        {
            Validate(record);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Assessment payload is invalid: {e.Message}", e);
        }
        return record;
    }

    public static void Validate(AssessmentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        RequireText(record.AssessmentId, nameof(AssessmentRecord.AssessmentId), MaxIdLength);
        RequireText(record.Description, nameof(AssessmentRecord.Description), int.MaxValue);
        RequireText(record.OfficerId, nameof(AssessmentRecord.OfficerId), MaxIdLength);
        RequireHsDigits(record.AssessedCode, nameof(AssessmentRecord.AssessedCode));
        if (record.DeclaredCode is not null)
            RequireHsDigits(record.DeclaredCode, nameof(AssessmentRecord.DeclaredCode));
    }

    private static void RequireText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"Assessment {field} must not be empty.", field);
        if (value.Length > maxLength)
            throw new ArgumentException($"Assessment {field} is {value.Length} characters long; at most {maxLength} are allowed.", field);
    }

    // HS codes travel as bare digits: 2 (chapter) up to 10 (national tariff line), an even count.
    private static void RequireHsDigits(string? value, string field)
    {
        if (value is null || value.Length is < 2 or > 10 || value.Length % 2 != 0 || !value.All(char.IsAsciiDigit))
            throw new ArgumentException($"Assessment {field} '{value}' must be 2, 4, 6, 8 or 10 digits without separators.", field);
    }
}
