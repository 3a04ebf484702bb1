namespace HsActors.Abstractions.Grains;

/// <summary>
/// The method takes no turn at all: it runs alongside anything, as a stateless worker's calls do. Only for methods
/// that read immutable or atomically swapped state.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute;
