using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Hosting;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Runs a gateway session on an accepted WebSocket. Most sockets come from the connection middleware
/// (<see cref="WebSockets.WebSocketConnectionMiddleware"/>); upgrades it does not see (TLS listeners, a second
/// request on a keep-alive connection) arrive here through the HTTP pipeline (no permessage-deflate, ping keepalive).
/// </summary>
internal sealed partial class GatewayWebSocketHandler(ConnectionServices services, ILogger<GatewayWebSocketHandler> logger)
{
    public GatewayOptions Options => services.Options;

    public TimeProvider Time => services.Time;

    public async Task HandleAsync(HttpContext http)
    {
        var options = services.Options;
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = false,
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        }).ConfigureAwait(false);
        await RunSessionAsync(socket, http.Connection.RemoteIpAddress).ConfigureAwait(false);
    }

    public async Task RunSessionAsync(WebSocket socket, IPAddress? remoteIp)
    {
        var options = services.Options;
        using var connection = new GatewayConnection(
            Guid.NewGuid().ToString(), socket, remoteIp, Guid.NewGuid().ToString(),
            options.MaxBufferedBytes, options.MaxQueuedFrames, options.CloseTimeout, services.Time, logger, services.FanOut);
        LogOpened(logger, connection.Id, connection.RemoteIp?.ToString());
        await new ConnectionSession(connection, services).RunAsync().ConfigureAwait(false);
        LogClosed(logger, connection.Id, connection.CloseCode, (int?)socket.CloseStatus);
    }

    [LoggerMessage(1000, LogLevel.Information, "Connection {ConnectionId} opened from {RemoteIp}")]
    private static partial void LogOpened(ILogger logger, string connectionId, string? remoteIp);

    [LoggerMessage(1001, LogLevel.Information, "Connection {ConnectionId} closed (sent {CloseCode}, peer {PeerCloseCode})")]
    private static partial void LogClosed(ILogger logger, string connectionId, int closeCode, int? peerCloseCode);
}
