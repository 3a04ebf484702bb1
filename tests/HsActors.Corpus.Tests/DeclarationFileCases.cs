using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using HsActors.Fuzzing;

namespace HsActors.Corpus.Tests;

/// <summary>A declaration file as a user might hand it in: its name's extension and its bytes.</summary>
public sealed record DeclarationFileCase(string Extension, byte[] Content)
{
    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Content);
        var shown = text.Length <= 600 ? text : text[..600] + $"… ({Content.Length:N0} bytes)";
        return $"*{Extension}: {System.Text.Json.JsonSerializer.Serialize(shown)}";
    }
}

/// <summary>
/// Declaration files valid, damaged and hostile: CSV and TSV with odd headers (missing, repeated or unknown columns,
/// a byte order mark), rows of the wrong width, stray and unbalanced quotes, embedded line breaks, NULs, invalid UTF-8;
/// JSON lines that are broken, not objects, mistyped or nested without end; JSON arrays cut short; plain noise.
/// </summary>
public static class DeclarationFileCases
{
    private static readonly string[] Headers =
    [
        "description,code,importer_id,agent_id,origin,date,assessed", "Goods Description;HS Code;Importer ID;Declared On",
        "uraian_barang\ths_code\tasal\ttanggal", "\uFEFFdescription,code", "\"description\",\"code\",\"tariff\"", "code,description,code",
        "description,tariff", "", "description", "DESCRIPTION , CODE", new string('d', 100) + ",code",
    ];

    private static readonly string[] Codes = ["0901.21.00", "09012100", "0901210000", "090121", "0901", "40111000", "6403 99 90", "ABC", "", "0901.21.00.00.00"];

    private static readonly string[] Flags = ["true", "no", "ya", "tidak", "1", "0", "maybe", ""];

    private static readonly Gen<string> Value = Gen.Frequency(
        (4, Gen.OneOf("roasted coffee beans", "BRASS BUSS KD BAIK", "PIPA 12\" BAJA", "TELESCOPE, \"SR\" 2X28", "kopi\nbubuk")),
        (3, Gen.OneOf(Codes)),
        (2, Gen.OneOf(HostileText.Dates)),
        (1, Gen.OneOf(Flags)),
        (4, HostileText.Any.Where(t => t.Length <= 70_000)));

    private static readonly Gen<string> Newline = Gen.OneOf("\n", "\r\n", "\r");

    private static readonly Gen<string> Csv =
        Gen.Select(Gen.OneOf(Headers), Gen.OneOf(",", ";", "\t"), Newline, Row.List[0, 25], (header, delimiter, newline, rows) =>
            header + newline + string.Join(newline, rows.Select(fields => string.Join(delimiter, fields))));

    private static Gen<string[]> Row => Gen.Select(Value, Gen.Int[0, 3], (value, quoting) => quoting switch
    {
        0 => value,
        1 => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        2 => "\"" + value, // opened, never closed
        _ => value + "\"",
    }).Array[0, 8];

    private static readonly Gen<string> JsonObjectLine = Gen.Select(Value, Value, Value, Gen.Int[0, 6], (description, code, other, shape) => shape switch
    {
        0 => new JsonObject { ["description"] = description, ["code"] = code, ["importerId"] = other }.ToJsonString(),
        1 => new JsonObject { ["goods_description"] = description, ["hs"] = 90121, ["assessed"] = true }.ToJsonString(),
        2 => new JsonObject { ["description"] = new JsonArray(description), ["code"] = code }.ToJsonString(),
        3 => new JsonObject { ["description"] = description, ["code"] = new JsonObject { ["digits"] = code }, ["date"] = null }.ToJsonString(),
        4 => "{\"description\":\"" + description + "\",\"code\":" + code + "}", // unescaped and unquoted as written
        5 => new JsonObject { ["description"] = description, ["code"] = code }.ToJsonString()[..Math.Max(1, description.Length % 20)],
        _ => "{\"description\":\"\\ud800\",\"code\":\"09012100\",\"hs\":1e309}",
    });

    private static readonly Gen<string> JsonLine = Gen.Frequency(
        (6, JsonObjectLine),
        (1, Gen.OneOf("", "   ", "[1,2]", "\"text\"", "42", "null", "{", "}", "{\"description\":}")),
        (1, Gen.Const(new string('[', 5_000) + new string(']', 5_000))));

    private static readonly Gen<string> JsonLines = Gen.Select(JsonLine.List[0, 25], Newline, (lines, newline) => string.Join(newline, lines));

    private static readonly Gen<string> JsonArray = Gen.Select(JsonLine.List[0, 25], Gen.Bool, (elements, closed) =>
        "[" + string.Join(",", elements) + (closed ? "]" : ""));

    /// <summary>Bytes no text encoding produces on its own: NULs, an invalid UTF-8 sequence, a UTF-16 byte order mark.</summary>
    private static readonly Gen<byte[]> Damage = Gen.OneOf<byte[]>([0], [0xC3, 0x28], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF], [0x80], [0xF0, 0x9F]);

    public static readonly Gen<DeclarationFileCase> Any = Gen.Frequency(
        (4, Gen.Select(Gen.OneOf(".csv", ".tsv", ".txt", "", ".dat"), Csv, Damaged, Case)),
        (3, Gen.Select(Gen.OneOf(".jsonl", ".ndjson", ".json", "", ".csv"), JsonLines, Damaged, Case)),
        (2, Gen.Select(Gen.OneOf(".json", ""), JsonArray, Damaged, Case)),
        (1, Gen.Select(Gen.OneOf(".csv", ".jsonl", ".json", ""), Gen.Byte.Array[0, 2_000], (extension, bytes) => new DeclarationFileCase(extension, bytes))));

    /// <summary>Most files intact; some with such bytes inserted somewhere, or cut short.</summary>
    private static Gen<Func<byte[], byte[]>> Damaged => Gen.Frequency(
        (6, Gen.Const<Func<byte[], byte[]>>(bytes => bytes)),
        (2, ByteDamage.Inserting(Damage)),
        (1, ByteDamage.Cut));

    private static DeclarationFileCase Case(string extension, string text, Func<byte[], byte[]> damage) =>
        new(extension, damage(Encoding.UTF8.GetBytes(text)));
}
