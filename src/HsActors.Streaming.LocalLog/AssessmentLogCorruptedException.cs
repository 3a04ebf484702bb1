namespace HsActors.Streaming.LocalLog;

/// <summary>
/// A record in the middle of the log fails its checksum or does not decode. Unlike a torn tail (the last, partly
/// written record, which is cut off on open), this means acknowledged assessments are damaged, so the log refuses to
/// open instead of silently skipping them.
/// </summary>
public sealed class AssessmentLogCorruptedException(string path, long offset, long filePosition, string reason)
    : IOException($"Assessment log '{path}' is corrupted at offset {offset} (byte {filePosition}): {reason}")
{
    public string LogPath { get; } = path;
    public long Offset { get; } = offset;
    public long FilePosition { get; } = filePosition;
}
