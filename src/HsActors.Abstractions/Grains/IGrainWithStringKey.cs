namespace HsActors.Abstractions.Grains;

/// <summary>
/// A grain interface: every method returns <see cref="Task"/> or <see cref="Task{TResult}"/> and is called through a
/// reference from <see cref="IGrainFactory"/>, never on the grain object, so the runtime can order the calls.
/// </summary>
public interface IGrainWithStringKey;
