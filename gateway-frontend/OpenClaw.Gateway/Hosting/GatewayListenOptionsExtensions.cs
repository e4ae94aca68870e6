using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.WebSockets;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Puts the gateway's own WebSocket server in front of Kestrel's HTTP on a listener.</summary>
public static class GatewayListenOptionsExtensions
{
    /// <summary>
    /// Serves WebSocket upgrades on this listener without Kestrel's HTTP/1.1 request machinery (see
    /// <see cref="WebSocketConnectionMiddleware"/>); all other traffic goes on to Kestrel unchanged. Call it before
    /// <c>UseHttps</c> if any: on a TLS listener the middleware then sees the handshake bytes and passes, and
    /// upgrades are served by the HTTP pipeline instead. Needs <c>AddOpenClawGateway</c>.
    /// </summary>
    public static ListenOptions UseOpenClawWebSockets(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next =>
        {
            var services = listen.ApplicationServices;
            var middleware = new WebSocketConnectionMiddleware(
                next,
                services.GetRequiredService<GatewayWebSocketHandler>(),
                services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits,
                services.GetRequiredService<ILogger<WebSocketConnectionMiddleware>>());
            return middleware.OnConnectionAsync;
        });
        return listen;
    }
}
