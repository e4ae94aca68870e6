using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the front tier onto the app: the WebSocket endpoint and the HTTP probes, on the same port.</summary>
public static class GatewayEndpointExtensions
{
    public static WebApplication MapOpenClawGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebSockets();

        // Upgrades are accepted on any path (clients use "/"); plain HTTP falls through to the routes.
        var handler = app.Services.GetRequiredService<GatewayWebSocketHandler>();
        app.Use((HttpContext http, RequestDelegate next) =>
            http.WebSockets.IsWebSocketRequest ? handler.HandleAsync(http) : next(http));

        app.MapProbes();
        return app;
    }
}
