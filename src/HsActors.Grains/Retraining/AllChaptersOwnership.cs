using HsActors.Abstractions.Retraining;

namespace HsActors.Grains.Retraining;

/// <summary>The embedded silo is alone: it owns every chapter and the router.</summary>
public sealed class AllChaptersOwnership : IChapterOwnership
{
    public bool Owns(string key) => true;
}
