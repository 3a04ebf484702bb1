namespace HsActors.Grains.Runtime;

/// <summary>What the runtime needs of a table without knowing its grain type: dispatch and collection.</summary>
public interface IGrainActivationTable
{
    Type GrainType { get; }

    int ActivationCount { get; }

    /// <summary>Runs <paramref name="call"/> on the key's activation within the turn <paramref name="kind"/> asks for.</summary>
    Task<TResult> InvokeAsync<TResult>(string key, GrainCallKind kind, Func<Grain, Task<TResult>> call);

    /// <summary>Deactivates every activation idle for longer than the table's idle timeout; returns how many.</summary>
    Task<int> DeactivateIdleAsync(CancellationToken cancellationToken);

    Task DeactivateAllAsync(CancellationToken cancellationToken);
}
