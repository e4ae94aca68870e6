using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Http.Responses;
using OpenClaw.Gateway.Http.Sessions;

namespace Microsoft.Extensions.DependencyInjection;

public static class HttpApiServiceCollectionExtensions
{
    /// <summary>Services of <c>MapOpenClawHttpApi</c>; tune timings with <c>services.Configure&lt;HttpApiOptions&gt;</c>.</summary>
    public static IServiceCollection AddOpenClawHttpApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HttpApiOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HttpAgentRuns>();
        services.TryAddSingleton<SessionHistoryStream>();
        services.TryAddSingleton<ResponseSessions>();
        return services;
    }
}
