namespace HsActors.Grains;

/// <summary>How the statistics grains write their state so that a failed write never leaves them stale.</summary>
internal static class GrainStateWrites
{
    /// <summary>
    /// Writes <paramref name="next"/>. When the write fails the grain must not keep its old ETag: the storage may have
    /// taken the write before the connection dropped, and every later write would then be refused as a conflict. So
    /// the state is read back from storage (the truth, with or without this write); if that fails too, the activation
    /// goes, and the next one reads it. The failure is rethrown either way: the caller was not told it was recorded.
    /// </summary>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state, T next, Grain grain)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            try
            {
                await state.ReadStateAsync();
            }
            catch
            {
                grain.DeactivateOnIdle();
            }
            throw;
        }
    }
}
