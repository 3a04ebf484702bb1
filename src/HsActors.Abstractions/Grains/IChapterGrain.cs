namespace HsActors.Abstractions.Grains;

/// <summary>
/// One HS chapter ("01".."99"): holds the chapter's active model version (and its canary and shadow versions).
/// Classification reads the models without taking a turn; a refresh is a turn that loads what the pointer names and
/// swaps atomically, so in-flight reads finish on the old versions.
/// </summary>
public interface IChapterGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<ChapterModelState> GetStateAsync();

    /// <summary>Re-reads the chapter's pointer and loads what changed; a version that fails its checksum is refused and reported.</summary>
    Task<ChapterModelState> RefreshAsync();
}
