namespace HsActors.Grains.Retraining;

/// <summary>Ranking accuracy of one chapter model on labelled rows: top-1 and top-5 at 8 digits (rows labelled at 8) and at 6 digits.</summary>
public sealed record EvaluationFigures(int Rows, int RowsAt8, double Top1At8, double Top5At8, double Top1At6, double Top5At6)
{
    public static readonly EvaluationFigures Empty = new(0, 0, 0, 0, 0, 0);

    /// <summary>Macro-averaged F1 of the first subheading over the subheadings seen (as truth or as answer).</summary>
    public double MacroF1At6 { get; init; }

    /// <summary>Expected calibration error of the first subheading's probability (15 bins).</summary>
    public double CalibrationErrorAt6 { get; init; }

    /// <summary>Manifest figures under <paramref name="prefix"/> ("heldOut", "recent.active" …).</summary>
    public IEnumerable<KeyValuePair<string, double>> ToFigures(string prefix) =>
    [
        new($"{prefix}.rows", Rows),
        new($"{prefix}.rowsAt8", RowsAt8),
        new($"{prefix}.top1At8", Top1At8),
        new($"{prefix}.top5At8", Top5At8),
        new($"{prefix}.top1At6", Top1At6),
        new($"{prefix}.top5At6", Top5At6),
        new($"{prefix}.macroF1At6", MacroF1At6),
        new($"{prefix}.calibrationErrorAt6", CalibrationErrorAt6),
    ];

    /// <summary>Reads what <see cref="ToFigures"/> wrote; null when the manifest has no such figures.</summary>
    public static EvaluationFigures? FromFigures(IReadOnlyDictionary<string, double> figures, string prefix)
    {
        if (!figures.TryGetValue($"{prefix}.rows", out var rows))
        {
            return null;
        }
        double Get(string name) => figures.GetValueOrDefault($"{prefix}.{name}");
        return new EvaluationFigures((int)rows, (int)Get("rowsAt8"), Get("top1At8"), Get("top5At8"), Get("top1At6"), Get("top5At6"))
        {
            MacroF1At6 = Get("macroF1At6"),
            CalibrationErrorAt6 = Get("calibrationErrorAt6"),
        };
    }
}
