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
/// the start of a new connection without consuming it; anything that is not an HTTP/1.1 WebSocket upgrade (other
/// requests, HTTP/2, TLS handshakes) goes to <c>next</c> untouched. Only the connection's first request is looked
/// at: an upgrade after a keep-alive request goes through Kestrel and the <see cref="GatewayWebSocketHandler"/>,
/// as does every upgrade on a TLS listener (this middleware sits before TLS, so it sees a ClientHello and passes).
/// </summary>
internal sealed partial class WebSocketConnectionMiddleware(
    ConnectionDelegate next, GatewayWebSocketHandler handler, KestrelServerLimits limits, ILogger<WebSocketConnectionMiddleware> logger)
{
    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var (request, read, waitedForMore) = await PeekAsync(connection).ConfigureAwait(false);
        if (request.Kind == UpgradeRequestKind.NeedMoreData)
        {
            return; // no head in time, aborted
        }

        if (request.Kind != UpgradeRequestKind.Upgrade)
        {
            await PassToKestrelAsync(connection, read, waitedForMore).ConfigureAwait(false);
            return;
        }

        connection.Transport.Input.AdvanceTo(read.Buffer.GetPosition(request.HeadLength));
        if (await RefuseAsync(connection.Transport.Output, request).ConfigureAwait(false))
        {
            return;
        }

        var options = handler.Options;
        using var socket = new PipeWebSocket(connection, options.KeepAliveInterval, options.KeepAliveTimeout, handler.Time, logger);
        await handler.RunSessionAsync(socket, (connection.RemoteEndPoint as IPEndPoint)?.Address).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads until the request head is complete, or is known not to be an upgrade, without consuming anything.
    /// Returns <see cref="UpgradeRequestKind.NeedMoreData"/> only when it gave up (the connection is then aborted).
    /// </summary>
    private async Task<(UpgradeRequest Request, ReadResult Read, bool WaitedForMore)> PeekAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        using var deadline = new CancellationTokenSource(limits.KeepAliveTimeout);
        var waitedForMore = false;
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(deadline.Token).ConfigureAwait(false);
                var request = UpgradeRequest.Parse(read.Buffer);
                if (request.Kind != UpgradeRequestKind.NeedMoreData || read.IsCompleted || read.IsCanceled)
                {
                    return (request.Kind == UpgradeRequestKind.NeedMoreData ? request with { Kind = UpgradeRequestKind.NotUpgrade } : request, read, waitedForMore);
                }

                // The head has started: from here Kestrel's own bound for a request head applies.
                deadline.CancelAfter(limits.RequestHeadersTimeout);
                input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                waitedForMore = true;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            LogHeadTimedOut(logger, connection.ConnectionId);
            connection.Abort(new ConnectionAbortedException("No request head in time."));
            return (default, default, waitedForMore);
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

    private async Task PassToKestrelAsync(ConnectionContext connection, ReadResult read, bool waitedForMore)
    {
        var input = connection.Transport.Input;
        if (!waitedForMore)
        {
            input.AdvanceTo(read.Buffer.Start); // nothing consumed, nothing examined: Kestrel's first read sees it all at once
            await next(connection).ConfigureAwait(false);
            return;
        }

        // Examined bytes cannot be un-examined; Kestrel's first read must still return them without new data.
        input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        var transport = connection.Transport;
        connection.Transport = new DuplexPipe(new ReplayingPipeReader(transport.Input), transport.Output);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            connection.Transport = transport;
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    [LoggerMessage(1043, LogLevel.Debug, "Connection {TransportId} sent no request head in time; closed")]
    private static partial void LogHeadTimedOut(ILogger logger, string transportId);
}
