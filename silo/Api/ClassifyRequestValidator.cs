using System.Globalization;
using HsActors.Contracts;
using HsActors.Silo.Hosting;

namespace HsActors.Silo.Api;

/// <summary>
/// Checks classification requests field by field; errors are keyed like the JSON (<c>lines[17].description</c>).
/// A declared code that is not a code is not an error here: the answer's declared-code check says so.
/// </summary>
internal sealed class ClassifyRequestValidator(RequestLimits limits)
{
    public const int MaxTop = 20;
    public const int MaxIdLength = RequestFields.MaxIdLength;
    public const int MaxDeclaredCodeLength = 32;
    public const int MaxCategoryLength = 500;
    // Real marketplace listings carry up to about 60 attributes, some values over 500 characters (a "Function" listing
    // every use); a hub must not have to trim its lines to be answered.
    public const int MaxAttributes = 128;
    public const int MaxAttributeNameLength = 100;
    public const int MaxAttributeValueLength = 2_000;
    private const int MaxReportedFields = 100;

    public Dictionary<string, string[]>? Validate(ClassifyRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ValidateLine(request, "", errors);
        // One line with nothing to read is the request's own fault; in a batch it is that line's answer (ClassifyEndpoints).
        if (!errors.ContainsKey("description") && !RequestFields.HasReadableWord(request.Description))
        {
            errors["description"] = [RequestFields.NoReadableWord];
        }
        return errors.Count == 0 ? null : errors;
    }

    public Dictionary<string, string[]>? Validate(BatchClassifyRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Lines is null)
        {
            errors["lines"] = ["lines is required: an array of 1 to " + limits.MaxBatchLines.ToString("N0", CultureInfo.InvariantCulture) + " lines."];
        }
        else if (request.Lines.Count == 0)
        {
            errors["lines"] = ["lines must hold at least one line."];
        }
        else if (request.Lines.Count > limits.MaxBatchLines)
        {
            errors["lines"] = [string.Create(CultureInfo.InvariantCulture, $"A batch holds at most {limits.MaxBatchLines:N0} lines; this one has {request.Lines.Count:N0}.")];
        }
        else
        {
            for (var i = 0; i < request.Lines.Count && errors.Count < MaxReportedFields; i++)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"lines[{i}].");
                if (request.Lines[i] is not { } line)
                {
                    errors[prefix.TrimEnd('.')] = ["A line must be a JSON object, not null."];
                    continue;
                }
                ValidateLine(line, prefix, errors);
            }
        }
        return errors.Count == 0 ? null : errors;
    }

    private void ValidateLine(ClassifyRequest line, string prefix, Dictionary<string, string[]> errors)
    {
        RequestFields.Description(line.Description, prefix + "description", limits.MaxDescriptionLength, errors);
        if (line.Top is { } top && top is < 1 or > MaxTop)
        {
            errors[prefix + "top"] = [string.Create(CultureInfo.InvariantCulture, $"top must be between 1 and {MaxTop}; got {top}.")];
        }
        if (line.Level is { } level && level is not (6 or 8))
        {
            errors[prefix + "level"] = [string.Create(CultureInfo.InvariantCulture, $"level must be 6 (subheadings) or 8 (national lines); got {level}.")];
        }
        RequestFields.Identifier(line.Id, prefix + "id", errors);
        RequestFields.Identifier(line.ImporterId, prefix + "importerId", errors);
        RequestFields.Identifier(line.AgentId, prefix + "agentId", errors);
        RequestFields.OriginCountry(line.OriginCountry, prefix + "originCountry", errors);
        if (line.DeclaredCode is { } declared && (declared.Length > MaxDeclaredCodeLength || string.IsNullOrWhiteSpace(declared)))
        {
            errors[prefix + "declaredCode"] = [$"declaredCode must be a non-blank HS code of at most {MaxDeclaredCodeLength} characters."];
        }
        if (line.Mode is { } mode && !ClassificationModes.IsKnown(mode))
        {
            errors[prefix + "mode"] = [$"mode must be one of {string.Join(", ", ClassificationModes.All.Select(m => $"\"{m}\""))}, or left out for the silo's default."];
        }
        if (line.Category is { } category && category.Length > MaxCategoryLength)
        {
            errors[prefix + "category"] = [string.Create(CultureInfo.InvariantCulture, $"category has {category.Length:N0} characters; at most {MaxCategoryLength} are accepted.")];
        }
        ValidateAttributes(line.Attributes, prefix + "attributes", errors);
    }

    private static void ValidateAttributes(IReadOnlyDictionary<string, string>? attributes, string field, Dictionary<string, string[]> errors)
    {
        if (attributes is null)
        {
            return;
        }
        if (attributes.Count > MaxAttributes)
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture, $"attributes holds {attributes.Count} entries; at most {MaxAttributes} are accepted.")];
            return;
        }
        foreach (var (name, value) in attributes)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > MaxAttributeNameLength)
            {
                errors[field] = [$"Every attribute name must be non-blank and at most {MaxAttributeNameLength} characters."];
                return;
            }
            if (value is null || value.Length > MaxAttributeValueLength)
            {
                errors[$"{field}.{name}"] = [$"The value of attribute '{name}' must be a string of at most {MaxAttributeValueLength} characters."];
                return;
            }
        }
    }
}
