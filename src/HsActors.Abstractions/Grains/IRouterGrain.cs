using HsActors.Contracts;
using Orleans.Concurrency;

namespace HsActors.Abstractions.Grains;

/// <summary>
/// The entry grain of classification: a stateless worker, so every silo classifies its own requests locally from its
/// own model cache, one grain call per request and none per line or chapter. It also records the lines with their
/// importers' grains, which may live on any silo.
/// </summary>
[Alias("hsactors.router")]
public interface IRouterGrain : IGrainWithStringKey
{
    /// <summary>The one key of the router: a stateless worker has its activations on every silo under the same key.</summary>
    public const string Key = "router";

    /// <summary>
    /// Classifies the lines in parallel; results are in the lines' order. Both sides are handed over as immutable: the
    /// call never leaves the silo, so a batch of 10,000 lines is not copied on its way in or out.
    /// </summary>
    [Alias("classify")]
    Task<Immutable<ClassifyResponse[]>> ClassifyAsync(Immutable<ClassifyRequest[]> lines, ClassifyCallOptions options);

    /// <summary>
    /// The description as the active router model cleanses it: the key of the override table, so an officer's
    /// decision matches every later line that the model would read the same way.
    /// </summary>
    [Alias("normalize")]
    Task<string> NormalizeDescriptionAsync(string description);

    /// <summary>The router's model version and the chapter versions this silo serves now.</summary>
    [Alias("versions")]
    Task<ModelVersionReport> GetModelVersionsAsync();
}
