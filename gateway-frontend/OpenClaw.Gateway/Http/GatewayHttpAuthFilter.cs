using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OpenClaw.Gateway.Http;

/// <summary><c>.RequireGatewayAuth()</c> on an endpoint: runs <see cref="GatewayHttpAuth"/> before the handler.</summary>
public static class GatewayHttpAuthFilter
{
    public static TBuilder RequireGatewayAuth<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<GatewayHttpAuth>().Authorize(context.HttpContext)
                ?? await next(context).ConfigureAwait(false));
}
