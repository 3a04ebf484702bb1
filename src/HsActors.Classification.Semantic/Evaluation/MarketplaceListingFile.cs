using System.Text.Json;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Evaluation;

/// <summary>
/// Reads JSON lines of marketplace listings (<c>title</c>, <c>category</c>, <c>attributes</c>, <c>hs_code</c>, as the
/// hscodecomp sets have them). Labels are cut to 6 digits: national codes beyond them are of other tariffs than ours.
/// </summary>
public static class MarketplaceListingFile
{
    /// <summary>Whether the file's first line looks like a listing (has <c>title</c> and <c>hs_code</c>).</summary>
    public static bool Recognises(string path)
    {
        var first = File.ReadLines(path).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));
        if (first is null)
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(first);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("title", out _) && document.RootElement.TryGetProperty("hs_code", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static IReadOnlyList<MarketplaceListing> Read(string path, out int skipped)
    {
        var listings = new List<MarketplaceListing>();
        skipped = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var digits = root.TryGetProperty("hs_code", out var c) ? (c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText()) : null;
                digits = new string((digits ?? "").Where(char.IsAsciiDigit).ToArray());
                if (string.IsNullOrWhiteSpace(title) || digits.Length < 6 || !HsCode.TryParse(digits[..6], out var code))
                {
                    skipped++;
                    continue;
                }
                var category = root.TryGetProperty("category", out var cat) && cat.ValueKind == JsonValueKind.String ? cat.GetString() : null;
                var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                if (root.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in a.EnumerateObject())
                    {
                        attributes[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText();
                    }
                }
                listings.Add(new MarketplaceListing(title, category, attributes, code));
            }
            catch (JsonException)
            {
                skipped++;
            }
        }
        return listings;
    }
}
