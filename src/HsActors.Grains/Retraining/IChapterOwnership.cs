namespace HsActors.Grains.Retraining;

/// <summary>
/// Which chapter keys (two digits, or "router") this silo retrains. In a cluster exactly one silo owns a chapter at a
/// time (arbitrated by a single-active-consumer queue per chapter), so a candidate is never trained twice.
/// </summary>
public interface IChapterOwnership
{
    bool Owns(string key);
}
