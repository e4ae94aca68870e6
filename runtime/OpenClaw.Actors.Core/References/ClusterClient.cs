using Microsoft.Extensions.DependencyInjection;

namespace OpenClaw.Actors.References;

/// <summary>The front tier's view of the cluster: grain references plus the named stream providers registered in DI.</summary>
public sealed class ClusterClient(IGrainFactory grainFactory, IServiceProvider services) : IClusterClient
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
        => grainFactory.GetGrain<TGrainInterface>(primaryKey);

    public IStreamProvider GetStreamProvider(string name) => StreamProviders.Get(services, name);
}

/// <summary>Resolves a keyed <see cref="IStreamProvider"/> with an error that names what is missing.</summary>
public static class StreamProviders
{
    public static IStreamProvider Get(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return services.GetKeyedService<IStreamProvider>(name)
            ?? throw new InvalidOperationException($"No stream provider named '{name}' is registered (register one with AddInProcessStreams(\"{name}\")).");
    }
}
