using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Actors.Diagnostics;
using OpenClaw.Actors.Runtime.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The silo's side of the dashboard.</summary>
public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SiloStatusCollector"/> (needs <c>AddEmbeddedSilo</c>).</summary>
    public static IServiceCollection AddSiloStatusCollector(this IServiceCollection services)
    {
        services.TryAddSingleton<SiloStatusCollector>();
        return services;
    }

    /// <summary>
    /// Embedded mode: registers <see cref="EmbeddedClusterStatusProvider"/> as the <see cref="IClusterStatusProvider"/>
    /// (this process is the only silo and the only front node).
    /// </summary>
    public static IServiceCollection AddEmbeddedClusterStatus(this IServiceCollection services)
    {
        services.AddSiloStatusCollector();
        services.TryAddSingleton<IClusterStatusProvider, EmbeddedClusterStatusProvider>();
        return services;
    }
}
