namespace OpenClaw.Actors;

/// <summary>Creates references to grains. A reference is cheap; the grain activates on its first call.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;
}

/// <summary>What a process outside the silo (the front tier) uses to reach grains and streams.</summary>
public interface IClusterClient : IGrainFactory
{
    IStreamProvider GetStreamProvider(string name);
}
