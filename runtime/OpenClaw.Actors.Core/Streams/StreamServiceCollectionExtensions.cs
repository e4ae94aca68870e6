using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors;
using OpenClaw.Actors.Streams;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers stream providers as keyed <see cref="IStreamProvider"/> singletons.</summary>
public static class StreamServiceCollectionExtensions
{
    /// <summary>An <see cref="InProcessStreamProvider"/> named <paramref name="name"/>.</summary>
    public static IServiceCollection AddInProcessStreams(this IServiceCollection services, string name = StreamProviderNames.Default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddKeyedSingleton<IStreamProvider>(name, (provider, _) => new InProcessStreamProvider(
            name,
            provider.GetService<ILoggerFactory>()?.CreateLogger<InProcessStreamProvider>() ?? NullLogger<InProcessStreamProvider>.Instance));
        return services;
    }
}
