using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;

namespace HsActors.Grains.Models;

public sealed record VersionedRouter(RouterModel Model, ModelMetadata Metadata);
