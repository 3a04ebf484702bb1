using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using HsActors.Nomenclature;

namespace HsActors.Corpus;

/// <summary>Reads the embedded HMRC reference descriptions and labels them with HS subheadings of a nomenclature.</summary>
internal sealed class HmrcReferenceLoader(HsNomenclature nomenclature)
{
    private const string CsvResource = "HsActors.Corpus.hmrc-fpo.extra_references.csv";
    private const string JsonResource = "HsActors.Corpus.hmrc-fpo.search_references.json";
    private const string DescriptionColumn = "Goods Description";
    private const string CodeColumn = "Commodity Code";

    private readonly List<LabeledDescription> rows = new(6500);
    private readonly List<string> skipped = [];
    private int atSubheading;
    private int atHeading;
    private int malformed;
    private int unknown;

    public (IReadOnlyList<LabeledDescription> Rows, HmrcReferenceReport Report) Load()
    {
        var csvRows = ReadCsv();
        var jsonTerms = ReadJson();
        var report = new HmrcReferenceReport(csvRows, jsonTerms, rows.Count, atSubheading, atHeading, malformed, unknown, skipped);
        return (rows, report);
    }

    private int ReadCsv()
    {
        using var reader = new StreamReader(OpenResource(CsvResource), detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        if (!parser.Read())
        {
            throw new InvalidDataException($"{CsvResource} is empty.");
        }
        var header = parser.Record!;
        var descriptionIndex = Array.IndexOf(header, DescriptionColumn);
        var codeIndex = Array.IndexOf(header, CodeColumn);
        if (descriptionIndex < 0 || codeIndex < 0)
        {
            throw new InvalidDataException($"{CsvResource}: expected columns '{DescriptionColumn}' and '{CodeColumn}', found {string.Join(",", header)}.");
        }
        var count = 0;
        while (parser.Read())
        {
            count++;
            var where = $"extra_references.csv line {parser.RawRow}";
            if (parser.Count != header.Length)
            {
                Skip(ref malformed, $"{where}: {parser.Count} fields, expected {header.Length}");
                continue;
            }
            Add(parser[descriptionIndex], parser[codeIndex], where);
        }
        return count;
    }

    private int ReadJson()
    {
        using var document = JsonDocument.Parse(OpenResource(JsonResource));
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{JsonResource}: expected an object of term -> commodity code.");
        }
        var count = 0;
        foreach (var term in document.RootElement.EnumerateObject())
        {
            count++;
            var where = $"search_references.json term '{term.Name}'";
            if (term.Value.ValueKind != JsonValueKind.String)
            {
                Skip(ref malformed, $"{where}: code is a {term.Value.ValueKind}, not a string");
                continue;
            }
            Add(term.Name, term.Value.GetString()!, where);
        }
        return count;
    }

    private void Add(string description, string ukCode, string where)
    {
        description = description.Trim();
        if (description.Length == 0)
        {
            Skip(ref malformed, $"{where}: empty description");
            return;
        }
        if (!HsCode.TryParse(ukCode, out var code) || code.Level < 6)
        {
            Skip(ref malformed, $"{where}: '{ukCode}' is not a commodity code");
            return;
        }
        var subheading = code.Truncate(6);
        var heading = code.Truncate(4);
        HsCode label;
        if (nomenclature.IsValid(subheading))
        {
            label = subheading;
            atSubheading++;
        }
        else if (nomenclature.IsValid(heading))
        {
            label = heading;
            atHeading++;
        }
        else
        {
            Skip(ref unknown, $"{where}: neither {subheading} nor {heading} is in the nomenclature");
            return;
        }
        rows.Add(new LabeledDescription(description, label, DescriptionSources.Hmrc));
    }

    private void Skip(ref int counter, string reason)
    {
        counter++;
        skipped.Add(reason);
    }

    private static Stream OpenResource(string name) =>
        typeof(HmrcReferenceLoader).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidDataException($"Embedded resource '{name}' is missing from {typeof(HmrcReferenceLoader).Assembly.GetName().Name}.");
}
