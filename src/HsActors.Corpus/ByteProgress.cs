namespace HsActors.Corpus;

/// <summary>Reports how far into the file a reader is, at most once per <see cref="ReportEveryBytes"/>.</summary>
internal sealed class ByteProgress(Stream stream, ImportReport report, IProgress<long>? progress)
{
    private const long ReportEveryBytes = 1 << 20;
    private const int CheckEveryRecords = 1024; // Position is cheap, but not free on every row
    private long lastReported;
    private int sinceCheck;

    public void Tick()
    {
        if (++sinceCheck < CheckEveryRecords)
        {
            return;
        }
        sinceCheck = 0;
        var position = stream.Position;
        report.BytesRead = position;
        if (progress is not null && position - lastReported >= ReportEveryBytes)
        {
            lastReported = position;
            progress.Report(position);
        }
    }

    public void Finish()
    {
        var position = stream.Position;
        report.BytesRead = position;
        progress?.Report(position);
    }
}
