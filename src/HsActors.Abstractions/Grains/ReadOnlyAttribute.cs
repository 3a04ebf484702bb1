namespace HsActors.Abstractions.Grains;

/// <summary>
/// The method does not change the grain's state: calls to read-only methods of one activation run concurrently with
/// each other, never alongside a state-changing turn.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ReadOnlyAttribute : Attribute;
