using System.Globalization;
using HsActors.Nomenclature;

namespace HsActors.Corpus;

/// <summary>The raw text of one declaration row, whatever the file format, and its validation into a training row.</summary>
internal struct DeclarationFields
{
    private const int MaxQuotedLength = 60;
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "dd/MM/yyyy", "dd-MM-yyyy", "yyyyMMdd"];

    public string? Description;
    public string? Code;
    public string? ImporterId;
    public string? AgentId;
    public string? OriginCountry;
    public string? DeclaredOn;
    public string? Assessed;

    public void Set(DeclarationField field, string? value)
    {
        switch (field)
        {
            case DeclarationField.Description: Description = value; break;
            case DeclarationField.Code: Code = value; break;
            case DeclarationField.ImporterId: ImporterId = value; break;
            case DeclarationField.AgentId: AgentId = value; break;
            case DeclarationField.OriginCountry: OriginCountry = value; break;
            case DeclarationField.DeclaredOn: DeclaredOn = value; break;
            case DeclarationField.Assessed: Assessed = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }

    /// <summary>A training row, or null with the reason the row is malformed.</summary>
    public readonly LabeledDescription? TryBuild(out string reason)
    {
        var description = Description?.Trim();
        if (string.IsNullOrEmpty(description))
        {
            reason = "empty description";
            return null;
        }
        if (string.IsNullOrWhiteSpace(Code))
        {
            reason = "empty code";
            return null;
        }
        if (!HsCode.TryParse(Code, out var code) || code.Level < 6)
        {
            reason = $"code {Quote(Code)} is not an HS code of 6, 8 or 10 digits";
            return null;
        }
        if (code.Level == 10)
        {
            code = code.Truncate(8); // national statistical suffixes carry no tariff meaning here
        }
        DateOnly? declaredOn = null;
        if (!string.IsNullOrWhiteSpace(DeclaredOn))
        {
            if (!TryParseDate(DeclaredOn.AsSpan().Trim(), out var date))
            {
                reason = $"date {Quote(DeclaredOn)} is not yyyy-MM-dd (or dd/MM/yyyy)";
                return null;
            }
            declaredOn = date;
        }
        var assessed = false;
        if (!string.IsNullOrWhiteSpace(Assessed) && !TryParseFlag(Assessed.Trim(), out assessed))
        {
            reason = $"assessed flag {Quote(Assessed)} is not true/false, yes/no, ya/tidak or 1/0";
            return null;
        }
        reason = string.Empty;
        return new LabeledDescription(description, code, DescriptionSources.Declaration)
        {
            ImporterId = NullIfBlank(ImporterId),
            AgentId = NullIfBlank(AgentId),
            OriginCountry = NullIfBlank(OriginCountry)?.ToUpperInvariant(),
            DeclaredOn = declaredOn,
            AssessedByOfficer = assessed,
        };
    }

    private static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        // An ISO timestamp ("2024-05-01T08:30:00Z") names its day in the first ten characters.
        if (text.Length > 10 && text[10] is 'T' or ' ')
        {
            text = text[..10];
        }
        return DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static bool TryParseFlag(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "y" or "ya" or "1":
                value = true;
                return true;
            case "false" or "no" or "n" or "tidak" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Quote(string text) =>
        text.Length <= MaxQuotedLength ? $"'{text}'" : $"'{text[..MaxQuotedLength]}...'";
}
