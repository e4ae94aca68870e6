using System.Net.WebSockets;

namespace OpenClaw.Bench.Client;

/// <summary>One authenticated operator connection: open → connect.challenge → connect → hello-ok.
/// One reader and one writer at a time, as <see cref="ClientWebSocket"/> requires.</summary>
internal sealed class GatewayConnection : IDisposable
{
    /// <summary>Frames tolerated before the expected one (ticks, presence…); more means a confused server.</summary>
    private const int MaxUnrelatedFrames = 64;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    /// <summary>The CLI's own bound on challenge plus hello.</summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(15);

    private readonly ClientWebSocket _socket;
    private MessageBuffer? _messages;

    private GatewayConnection(ClientWebSocket socket, MessageBuffer messages)
    {
        _socket = socket;
        _messages = messages;
    }

    public WebSocket Socket => _socket;

    public static async Task<GatewayConnection> OpenAsync(GatewayEndpoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // the gateway pings; the bench only answers
        var connection = new GatewayConnection(socket, new MessageBuffer(initialBytes: 16 * 1024));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HandshakeTimeout);
        try
        {
            await endpoint.ConnectAsync(socket, timeout.Token);
            await connection.WaitForAsync(h => h.IsChallenge, "connect.challenge", timeout.Token);
            await connection.SendAsync(endpoint.ConnectFrame, timeout.Token);
            var hello = await connection.WaitForAsync(
                h => h.Kind == FrameKind.Response && h.Id == GatewayEndpoint.ConnectRequestId, "hello-ok", timeout.Token);
            if (!hello.Ok)
                throw new InvalidOperationException("The gateway refused connect (ok:false).");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Next whole message, or null once the gateway closed. Valid until the next call.</summary>
    public ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken) =>
        (_messages ?? throw new InvalidOperationException("The message buffer was released.")).ReceiveAsync(_socket, cancellationToken);

    /// <summary>Gives the reassembly buffer back to the pool; for connections that will only be drained from now on.</summary>
    public void ReleaseMessageBuffer()
    {
        _messages?.Dispose();
        _messages = null;
    }

    /// <summary>Full close handshake (1000), bounded; a gateway that does not answer gets the socket aborted.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CloseTimeout);
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token);
    }

    public void Dispose()
    {
        _socket.Dispose();
        ReleaseMessageBuffer();
    }

    private async Task<FrameHeader> WaitForAsync(Func<FrameHeader, bool> isWanted, string what, CancellationToken cancellationToken)
    {
        for (var i = 0; i <= MaxUnrelatedFrames; i++)
        {
            var message = await ReceiveAsync(cancellationToken)
                ?? throw new InvalidOperationException(
                    $"The gateway closed ({_socket.CloseStatus} {_socket.CloseStatusDescription}) while the bench waited for {what}.");
            var header = FrameHeader.Read(message.Span);
            if (isWanted(header))
                return header;
        }
        throw new InvalidOperationException($"No {what} within {MaxUnrelatedFrames} frames.");
    }
}
