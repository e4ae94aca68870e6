using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Connections;

namespace OpenClaw.Gateway.WebSockets;

/// <summary>
/// A server WebSocket (RFC 6455, no extensions, no subprotocol) framed straight on a Kestrel connection's transport
/// pipe, without the HTTP/1.1 request objects an upgraded request keeps alive. It holds no buffer of its own: an
/// idle connection waits in the pipe's read, frames are copied from the pipe into the caller's buffer, and control
/// frames are handled from the pipe's bytes. Rules enforced on receive: frames must be masked, RSV bits clear,
/// opcodes known, control frames ≤ 125 bytes and unfragmented, continuation only inside a message (else close
/// 1002); text must be valid UTF-8 (else 1007). Pings are answered; keepalive pings are sent by
/// <see cref="WebSocketKeepAlive"/>. One send at a time (<see cref="_sendLock"/>): the connection's writer, pongs,
/// keepalive pings and close frames take turns.
/// </summary>
internal sealed partial class PipeWebSocket : WebSocket
{
    private readonly ConnectionContext _connection;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ILogger _logger;
    private readonly WebSocketKeepAlive? _keepAlive;
    private int _state = (int)WebSocketState.Open;
    private WebSocketCloseStatus? _closeStatus;
    private string? _closeStatusDescription;
    private bool _sendingFragments;

    // Receive side: only the reader touches these.
    private bool _inFrame;
    private bool _frameFin;
    private long _frameRemaining;
    private long _frameOffset;
    private uint _frameMask;
    private bool _inMessage;
    private WebSocketMessageType _messageType;
    private Utf8MessageValidator _utf8;

    public PipeWebSocket(ConnectionContext connection, TimeSpan keepAliveInterval, TimeSpan keepAliveTimeout, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _input = connection.Transport.Input;
        _output = connection.Transport.Output;
        _logger = logger;
        if (keepAliveInterval > TimeSpan.Zero && keepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            _keepAlive = new WebSocketKeepAlive(this, keepAliveInterval, keepAliveTimeout, time);
        }
    }

    public override WebSocketCloseStatus? CloseStatus => _closeStatus;

    public override string? CloseStatusDescription => _closeStatusDescription;

    public override WebSocketState State => (WebSocketState)Volatile.Read(ref _state);

    public override string? SubProtocol => null;

    public override void Abort()
    {
        if (TrySetState(WebSocketState.Aborted, from: [WebSocketState.Open, WebSocketState.CloseSent, WebSocketState.CloseReceived]))
        {
            _keepAlive?.Dispose();
            _connection.Abort(new ConnectionAbortedException("WebSocket aborted"));
        }
    }

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        CloseAndDrainAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        SendCloseAsync(closeStatus, statusDescription, cancellationToken).AsTask();

    public override void Dispose()
    {
        _keepAlive?.Dispose();
        TrySetState(WebSocketState.Aborted, from: [WebSocketState.Open, WebSocketState.CloseSent, WebSocketState.CloseReceived]);
    }

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        return result.MessageType == WebSocketMessageType.Close
            ? new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, _closeStatus, _closeStatusDescription)
            : new WebSocketReceiveResult(result.Count, result.MessageType, result.EndOfMessage);
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        SendAsync(buffer.AsMemory(), messageType, endOfMessage, cancellationToken).AsTask();

    public override async ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        if (messageType == WebSocketMessageType.Close)
        {
            throw new ArgumentException("Close frames are sent with CloseOutputAsync.", nameof(messageType));
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                throw new WebSocketException(WebSocketError.InvalidState, $"Cannot send in state {State}.");
            }

            var opcode = _sendingFragments ? WebSocketOpcode.Continuation
                : messageType == WebSocketMessageType.Text ? WebSocketOpcode.Text : WebSocketOpcode.Binary;
            WriteFrame(opcode, endOfMessage, buffer.Span);
            _sendingFragments = !endOfMessage;
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a ping for <see cref="WebSocketKeepAlive"/>; failures end the connection and are only logged.</summary>
    internal async Task SendKeepAlivePingAsync()
    {
        try
        {
            await SendControlAsync(WebSocketOpcode.Ping, ReadOnlyMemory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogKeepAliveFailed(_logger, _connection.ConnectionId, exception.GetType().Name);
            Abort();
        }
    }

    /// <summary>The peer did not answer a keepalive ping in time.</summary>
    internal void OnKeepAliveTimeout()
    {
        LogKeepAliveTimedOut(_logger, _connection.ConnectionId);
        Abort();
    }

    private async ValueTask SendCloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        var reason = Encoding.UTF8.GetBytes(CloseReason.Truncate(statusDescription ?? ""));
        var payload = new byte[2 + reason.Length];
        payload[0] = (byte)((int)closeStatus >> 8);
        payload[1] = (byte)closeStatus;
        reason.CopyTo(payload, 2);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!TrySetState(WebSocketState.CloseSent, from: [WebSocketState.Open])
                && !TrySetState(WebSocketState.Closed, from: [WebSocketState.CloseReceived]))
            {
                return; // already sent, or aborted
            }

            _keepAlive?.Dispose();
            WriteFrame(WebSocketOpcode.Close, fin: true, payload);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task CloseAndDrainAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        await SendCloseAsync(closeStatus, statusDescription, cancellationToken).ConfigureAwait(false);
        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (State == WebSocketState.CloseSent)
            {
                await ReceiveAsync(scratch.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private async ValueTask SendControlAsync(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                WriteFrame(opcode, fin: true, payload.Span);
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void WriteFrame(WebSocketOpcode opcode, bool fin, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxContiguousFrameBytes)
        {
            var header = _output.GetSpan(WebSocketFrameHeader.MaxLength);
            _output.Advance(WebSocketFrameHeader.Write(header, opcode, fin, payload.Length));
            _output.Write(payload);
            return;
        }

        // One contiguous span per frame: past the transport pool's 4 KB blocks the pipe rents one array for it, so a
        // 16 KB fragment (hello-ok, big events) takes one pipe segment instead of five. The pipe caches every segment
        // it ever had in flight for the connection's life; a 40 KB hello-ok written in 4 KB blocks kept ~1 KB of
        // segments per idle connection.
        var span = _output.GetSpan(WebSocketFrameHeader.MaxLength + payload.Length);
        var headerLength = WebSocketFrameHeader.Write(span, opcode, fin, payload.Length);
        payload.CopyTo(span[headerLength..]);
        _output.Advance(headerLength + payload.Length);
    }

    /// <summary>Frames up to this size are written into one span (see <see cref="WriteFrame"/>); the sender fragments at 16 KB.</summary>
    private const int MaxContiguousFrameBytes = 64 * 1024;

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        FlushResult result;
        try
        {
            result = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, exception);
        }

        if (result.IsCompleted)
        {
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The connection is closed.");
        }
    }

    private bool TrySetState(WebSocketState to, ReadOnlySpan<WebSocketState> from)
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            if (!from.Contains((WebSocketState)current))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, (int)to, current) == current)
            {
                return true;
            }
        }
    }

    [LoggerMessage(1040, LogLevel.Debug, "Connection {TransportId} keepalive ping failed: {Reason}")]
    private static partial void LogKeepAliveFailed(ILogger logger, string transportId, string reason);

    [LoggerMessage(1041, LogLevel.Information, "Connection {TransportId} did not answer a keepalive ping in time; aborted")]
    private static partial void LogKeepAliveTimedOut(ILogger logger, string transportId);
}
