namespace HsActors.Abstractions.Grains;

/// <summary>Hands out references to grains by key; the grain is activated on its first call, not here.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : class, IGrainWithStringKey;
}
