using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using HsActors.Cli;
using HsActors.Fuzzing;

namespace HsActors.Classification.Tests;

/// <summary>
/// The input lines of <c>hs classify --input</c>, as the command reads them from a file: plain descriptions and JSON
/// objects, valid and not. Every line becomes either a description to classify or an error for that line (written
/// as its own output line); none ends the run with an exception.
/// </summary>
public sealed class ClassifyInputFuzzTests
{
    private const int NormalRun = 2_000;

    private static readonly Gen<JsonNode?> MemberValue = Gen.Frequency(
        (4, HostileText.Any.Where(t => t.Length < 5_000).Select(t => (JsonNode?)JsonValue.Create(t))),
        (2, Gen.OneOf("roasted coffee beans", "IMP-1", "0901.21.00", "0901210000", "ABC").Select(t => (JsonNode?)JsonValue.Create(t))),
        (1, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const(() => (JsonNode?)new JsonArray(JsonValue.Create("coffee")))),
        (1, Gen.Const(() => (JsonNode?)new JsonObject { ["digits"] = "0901" })));

    private static readonly Gen<string> JsonObjectLine =
        Gen.Select(MemberValue, MemberValue, MemberValue, MemberValue, Gen.Int[0, 15], (description, id, importer, declared, omit) =>
        {
            var line = new JsonObject();
            foreach (var (name, value, bit) in new[] { ("description", description, 1), ("id", id, 2), ("importerId", importer, 4), ("declaredCode", declared, 8) })
            {
                if ((omit & bit) == 0)
                {
                    line[name] = value;
                }
            }
            return line.ToJsonString();
        });

    /// <summary>Lines as text: what a file holds once read (a lone surrogate only as a JSON escape) and what it cannot.</summary>
    private static readonly Gen<string> Line = Gen.Frequency(
        (5, JsonObjectLine),
        (2, HostileText.Any.Where(t => t.Length < 5_000 && !t.Contains('\n') && !t.Contains('\r'))),
        (1, JsonObjectLine.Select(json => json[..(json.Length / 2)])),
        (1, Gen.OneOf("{", "{}", "{\"description\":\"\\ud800\"}", "{\"\\udc00\":1,\"description\":\"coffee\"}", "{\"description\":\"coffee\",\"importerId\":\"\\udfff\"}",
            " {\"description\":\"coffee\"} trailing", new string('{', 3_000), "{\"description\":\"coffee\",\"description\":\"tea\"}")));

    [Fact]
    public void Every_line_is_a_description_or_that_lines_error()
    {
        var failures = new List<string>();
        foreach (var (number, lines) in SeededSamples.Of(Line.List[1, 8], NormalRun))
        {
            // Through a reader over UTF-8 bytes, as the command reads its input file.
            using var reader = new StreamReader(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), Encoding.UTF8);
            long lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                if (Problem(line, ++lineNumber) is { } problem)
                {
                    failures.Add($"#{number} line {JsonSerializer.Serialize(line.Length > 300 ? line[..300] : line)}\n  -> {problem}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    /// <summary>Found by the fuzzer: "\ud800" in a JSON line threw InvalidOperationException out of the command.</summary>
    [Theory]
    [InlineData("{\"description\":\"\\ud800\"}")]
    [InlineData("{\"description\":\"coffee\",\"importerId\":\"\\udfff\"}")]
    [InlineData("{\"\\udc00\":1,\"description\":\"coffee\"}")]
    public void A_lone_surrogate_is_that_lines_error(string line)
    {
        var request = ClassifyRequest.Parse(line, 7);

        Assert.Null(request.Description);
        Assert.Contains("surrogate", request.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_raw_lone_surrogate_is_that_lines_error_too()
    {
        // No file read as UTF-8 gives one, but the parser takes any string (xUnit's data cannot carry it).
        A_lone_surrogate_is_that_lines_error("{\"description\":\"a" + (char)0xD800 + "b\"}");
    }

    private static string? Problem(string line, long lineNumber)
    {
        ClassifyRequest request;
        string output;
        try
        {
            request = ClassifyRequest.Parse(line, lineNumber);
            output = request.Error is { } error ? ClassifyOutputLine.Error(request.Id, error) : ClassifyOutputLine.Recommendations(request, []);
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
        if ((request.Error is null) == (request.Description is null))
        {
            return $"neither or both of a description and an error: {request}";
        }
        if (request.Description is { } description && (description.Length == 0 || description != description.Trim()))
        {
            return $"description '{description}' is blank or untrimmed";
        }
        if (request.Id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return $"id of kind {request.Id.ValueKind}";
        }
        try
        {
            using var written = JsonDocument.Parse(output);
            return written.RootElement.ValueKind == JsonValueKind.Object ? null : $"output line is a JSON {written.RootElement.ValueKind}";
        }
        catch (JsonException e)
        {
            return $"output line is not JSON ({e.Message}): {output}";
        }
    }
}
