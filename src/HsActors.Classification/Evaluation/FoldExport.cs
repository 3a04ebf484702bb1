using System.Text;
using HsActors.Classification.Hierarchy;
using HsActors.Nomenclature;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// Writes one fold so that an external script can train other toolkits on exactly the same split and score every
/// system with one scorer. Layout, per fold k (1-based): <c>fold-k/train.tsv</c> and <c>fold-k/test.tsv</c> with the
/// columns code, cleansed text, raw text (no header; tabs and line breaks inside texts become spaces) and
/// <c>fold-k/pred-hsactors.tsv</c>: per test row, in test.tsv order, the hierarchy's ranked codes, best first,
/// space-separated (at most <see cref="PredictionDepth"/>; an empty line when there are none).
/// </summary>
public static class FoldExport
{
    public const int PredictionDepth = 10;

    public readonly record struct Row(HsCode Code, string Cleansed, string Raw);

    public static string FoldDirectory(string root, int fold) => Path.Combine(root, $"fold-{fold}");

    public static void Write(string root, int fold, IEnumerable<Row> training, IReadOnlyList<Row> test, IReadOnlyList<IReadOnlyList<CodeRecommendation>> rankings)
    {
        if (rankings.Count != test.Count)
        {
            throw new ArgumentException($"{rankings.Count} rankings for {test.Count} test rows.", nameof(rankings));
        }
        var directory = FoldDirectory(root, fold);
        Directory.CreateDirectory(directory);
        WriteRows(Path.Combine(directory, "train.tsv"), training);
        WriteRows(Path.Combine(directory, "test.tsv"), test);
        using var predictions = Open(Path.Combine(directory, "pred-hsactors.tsv"));
        foreach (var ranking in rankings)
        {
            predictions.Write(string.Join(' ', ranking.Take(PredictionDepth).Select(r => r.Code.Digits)));
            predictions.Write('\n');
        }
    }

    /// <summary>Makes a text one TSV field: tabs and any line break become a space.</summary>
    public static string Field(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is '\t' or '\n' or '\r' or '\u0085' or '\u2028' or '\u2029' ? ' ' : c);
        }
        return builder.ToString();
    }

    private static void WriteRows(string path, IEnumerable<Row> rows)
    {
        using var writer = Open(path);
        foreach (var row in rows)
        {
            writer.Write(row.Code.Digits);
            writer.Write('\t');
            writer.Write(Field(row.Cleansed));
            writer.Write('\t');
            writer.Write(Field(row.Raw));
            writer.Write('\n');
        }
    }

    private static StreamWriter Open(string path) => new(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
