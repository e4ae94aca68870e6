using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Gateway.Connections;

/// <summary>Accepts a WebSocket upgrade (no permessage-deflate, ping keepalive) and runs its session to the end.</summary>
internal sealed partial class GatewayWebSocketHandler(ConnectionServices services, ILogger<GatewayWebSocketHandler> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var options = services.Options;
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = false,
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        }).ConfigureAwait(false);

        using var connection = new GatewayConnection(
            Guid.NewGuid().ToString(), socket, http.Connection.RemoteIpAddress, Guid.NewGuid().ToString(),
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
