namespace HsActors.Abstractions.Models;

/// <summary>The change makes no sense for the pointer as it is (promote the active version, roll back with no earlier version, clear an absent canary …).</summary>
public class PointerChangeRejectedException : ModelRegistryException
{
    public PointerChangeRejectedException(string chapter, string message)
        : base(chapter, message)
    {
    }
}
