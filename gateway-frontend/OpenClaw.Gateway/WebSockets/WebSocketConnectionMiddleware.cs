using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Connections;

namespace OpenClaw.Gateway.WebSockets;

/// <summary>
/// A Kestrel connection middleware that serves WebSocket upgrades itself, before Kestrel's HTTP/1.1 layer: an idle
/// gateway socket then costs a <see cref="PipeWebSocket"/> on the transport instead of an upgraded HTTP request
/// (connection, headers, context, streams, <c>ManagedWebSocket</c>) that lives as long as the socket. It peeks at
/// the connection's first read without consuming it; anything that is not a complete HTTP/1.1 WebSocket upgrade
/// head (other requests, HTTP/2, TLS handshakes) goes to <c>next</c> untouched. Only that first read is looked at,
/// because a pipe cannot un-examine bytes: an upgrade head split across reads, an upgrade after a keep-alive
/// request and every upgrade on a TLS listener (this middleware sits before TLS, so it sees a ClientHello) go
/// through Kestrel and the <see cref="GatewayWebSocketHandler"/> instead, correct but with the HTTP objects kept.
/// Real clients write the ~250-byte upgrade head at once, so it arrives in one read.
/// </summary>
internal sealed partial class WebSocketConnectionMiddleware(
    ConnectionDelegate next, GatewayWebSocketHandler handler, KestrelServerLimits limits, ILogger<WebSocketConnectionMiddleware> logger)
{
    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        if (await PeekAsync(connection).ConfigureAwait(false) is not { } read)
        {
            return; // nothing arrived in time: aborted
        }

        var request = UpgradeRequest.Parse(read.Buffer);
        if (request.Kind != UpgradeRequestKind.Upgrade)
        {
            // Nothing consumed or examined: Kestrel's first read returns these bytes at once, as if no one had looked.
            input.AdvanceTo(read.Buffer.Start);
            await next(connection).ConfigureAwait(false);
            return;
        }

        input.AdvanceTo(read.Buffer.GetPosition(request.HeadLength));
        if (await RefuseAsync(connection.Transport.Output, request).ConfigureAwait(false))
        {
            return;
        }

        var options = handler.Options;
        using var socket = new PipeWebSocket(connection, options.KeepAliveInterval, options.KeepAliveTimeout, handler.Time, logger);
        await handler.RunSessionAsync(socket, (connection.RemoteEndPoint as IPEndPoint)?.Address).ConfigureAwait(false);
    }

    /// <summary>
    /// The connection's first read, bounded by Kestrel's keep-alive timeout (which Kestrel itself would apply before
    /// a first request). Null when nothing came in time; the connection is then aborted.
    /// </summary>
    private async Task<ReadResult?> PeekAsync(ConnectionContext connection)
    {
        using var deadline = new CancellationTokenSource(limits.KeepAliveTimeout);
        try
        {
            return await connection.Transport.Input.ReadAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            LogHeadTimedOut(logger, connection.ConnectionId);
            connection.Abort(new ConnectionAbortedException("No request in time."));
            return null;
        }
    }

    /// <summary>Answers an upgrade this server will not accept (426 wrong version, 400 bad key or no Host); true if refused.</summary>
    private static async ValueTask<bool> RefuseAsync(PipeWriter output, UpgradeRequest request)
    {
        var refusal = request.Version != UpgradeResponses.SupportedVersion ? UpgradeResponses.UpgradeRequired
            : !request.HasHost || !UpgradeResponses.IsValidKey(request.Key) ? UpgradeResponses.BadRequest
            : null;
        await output.WriteAsync(refusal ?? UpgradeResponses.SwitchingProtocols(request.Key!)).ConfigureAwait(false);
        return refusal is not null;
    }

    [LoggerMessage(1043, LogLevel.Debug, "Connection {TransportId} sent no request head in time; closed")]
    private static partial void LogHeadTimedOut(ILogger logger, string transportId);
}
