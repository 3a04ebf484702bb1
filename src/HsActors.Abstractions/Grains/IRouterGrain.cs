using HsActors.Contracts;

namespace HsActors.Abstractions.Grains;

/// <summary>
/// The entry grain of classification: routes each line to the chapter grains of its most probable chapters and
/// records the declarations with their importers. Stateless apart from the read-only router model, so one activation
/// serves every caller at once.
/// </summary>
public interface IRouterGrain : IGrainWithStringKey
{
    /// <summary>The key of the one router activation per silo.</summary>
    public const string Key = "router";

    /// <summary>Classifies the lines in parallel; results are in the lines' order.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<ClassifyResponse>> ClassifyAsync(IReadOnlyList<ClassifyRequest> lines, ClassifyCallOptions options);

    /// <summary>
    /// The description as the active router model cleanses it: the key of the override table, so an officer's
    /// decision matches every later line that the model would read the same way.
    /// </summary>
    [AlwaysInterleave]
    Task<string> NormalizeDescriptionAsync(string description);

    /// <summary>The router's model version and the versions of the chapter grains now active.</summary>
    [AlwaysInterleave]
    Task<ModelVersionReport> GetModelVersionsAsync();

    /// <summary>Re-reads the router's pointer and swaps to the version it names (a refused version is logged and reported).</summary>
    Task<ModelVersionReport> RefreshAsync();
}
