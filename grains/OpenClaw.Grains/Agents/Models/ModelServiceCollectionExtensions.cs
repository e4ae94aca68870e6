using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Agents.Models.Routing;
using OpenClaw.Grains.Agents.Models.Transport;

namespace Microsoft.Extensions.DependencyInjection;

public static class ModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IModelRouter"/> and the provider clients behind it. Needs an
    /// <c>IOpenClawConfigSource</c> and logging from the host; uses the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddOpenClawModels(this IServiceCollection services, Action<ModelRouterOptions>? configure = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<ModelRouterOptions>();
        if (configure is not null)
            options.Configure(configure);
        services.TryAddSingleton<ModelHttpTransport>();
        services.TryAddSingleton<ModelClientFactory>();
        services.TryAddSingleton<ModelProviderRegistry>();
        services.TryAddSingleton<IModelRouter, ModelRouter>();
        return services;
    }
}
