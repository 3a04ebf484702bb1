namespace HsActors.Classification.MLNet;

/// <summary>ML.NET's view of one row: it binds columns to public settable properties, so this is a class, not a record.</summary>
internal sealed class MLNetRow
{
    public string Text { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public float Weight { get; set; } = 1f;
}
