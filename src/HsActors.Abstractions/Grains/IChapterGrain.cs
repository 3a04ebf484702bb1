namespace HsActors.Abstractions.Grains;

/// <summary>
/// One HS chapter ("01".."99"): holds the chapter's active model version. Classification reads the model without
/// taking a turn; promoting a version is a turn, and swaps the model atomically so in-flight reads finish on the old one.
/// </summary>
public interface IChapterGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<ChapterModelState> GetStateAsync();

    /// <summary>Reads the chapter's currently promoted version from the model store and makes it active.</summary>
    Task<ChapterModelState> PromoteLatestAsync();
}
