using System.Diagnostics;
using System.Net.Sockets;

namespace OpenClaw.Bench.Client;

internal enum MessageResult { NeedMore, Message, Closed }

/// <summary>
/// An authenticated operator connection on a plain socket with its own WebSocket framing, for load loops that serve
/// many connections from one thread: <see cref="Receive"/> reads what has arrived without waiting, whole messages come
/// out of <see cref="TryReadMessage"/>, and frames queued with <see cref="Queue"/> leave in one send. The socket never
/// runs an async operation: that would register it with the runtime's epoll thread, which then wakes on every packet.
/// </summary>
internal sealed class PipelinedGatewayConnection : IDisposable
{
    /// <summary>Frames tolerated before the expected one during the handshake (ticks, presence…).</summary>
    private const int MaxUnrelatedFrames = 64;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(15);

    private readonly ReceiveWindow _received = new(64 * 1024);
    private readonly SendBatch _outgoing = new();
    /// <summary>Reassembly of a fragmented message; null until the gateway sends one.</summary>
    private ReceiveWindow? _fragments;
    private bool _closeReceived;

    private PipelinedGatewayConnection(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public bool HasUnsentBytes => !_outgoing.IsEmpty;

    /// <summary>Connects, upgrades, answers the challenge with the endpoint's connect frame and waits for hello-ok,
    /// all blocking and bounded by the CLI's 15 s; afterwards the socket is non-blocking.</summary>
    public static PipelinedGatewayConnection Open(GatewayEndpoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)HandshakeTimeout.TotalMilliseconds,
            SendTimeout = (int)HandshakeTimeout.TotalMilliseconds,
        };
        var connection = new PipelinedGatewayConnection(socket);
        try
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(HandshakeTimeout.TotalSeconds * Stopwatch.Frequency);
            socket.Connect(endpoint.Uri.Host, endpoint.Uri.Port);
            WebSocketUpgrade.Perform(socket, endpoint.Uri, connection._received);
            connection.WaitFor(h => h.IsChallenge, "connect.challenge", deadline, cancellationToken);
            connection.Queue(endpoint.ConnectFrame.Span);
            connection.SendAll();
            var hello = connection.WaitFor(h => h.Kind == FrameKind.Response && h.Id == GatewayEndpoint.ConnectRequestId,
                "hello-ok", deadline, cancellationToken);
            if (!hello.Ok)
                throw new InvalidOperationException("The gateway refused connect (ok:false).");
            socket.Blocking = false;
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Queues one text message; it leaves with the next <see cref="TrySend"/>.</summary>
    public void Queue(ReadOnlySpan<byte> message) => _outgoing.Add(WebSocketOpcode.Text, message);

    /// <summary>Sends queued frames without waiting; false when some remain until the socket is writable.</summary>
    public bool TrySend() => _outgoing.TrySend(Socket);

    /// <summary>One receive of whatever has arrived (non-blocking once open). Throws when the gateway closed the socket.</summary>
    public void Receive()
    {
        var free = _received.FreeSpace(minFree: 4 * 1024);
        var read = Socket.Receive(free.Array!, free.Offset, free.Count, SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock)
            return;
        if (error != SocketError.Success)
            throw new SocketException((int)error);
        if (read == 0)
            throw new InvalidOperationException("The gateway closed the TCP connection.");
        _received.Commit(read);
    }

    /// <summary>
    /// The next whole text or binary message among the received bytes; valid until the next call here or to <see cref="Receive"/>.
    /// Pings are answered (the pong is queued), pongs skipped, a close frame ends the stream.
    /// </summary>
    public MessageResult TryReadMessage(out ReadOnlySpan<byte> message)
    {
        message = default;
        while (!_closeReceived)
        {
            if (!ServerFrame.TryParse(_received.Data, out var frame, out var frameLength, out var needed))
            {
                if (needed > 0)
                    _received.FreeSpace(needed); // a frame larger than the room left: grow once, up to the bound
                return MessageResult.NeedMore;
            }

            _received.Consume(frameLength);
            switch (frame.Opcode)
            {
                case WebSocketOpcode.Ping:
                    _outgoing.Add(WebSocketOpcode.Pong, frame.Payload);
                    continue;
                case WebSocketOpcode.Pong:
                    continue;
                case WebSocketOpcode.Close:
                    _closeReceived = true;
                    return MessageResult.Closed;
                case WebSocketOpcode.Text or WebSocketOpcode.Binary when frame.Fin && _fragments is null:
                    message = frame.Payload;
                    return MessageResult.Message;
                case WebSocketOpcode.Text or WebSocketOpcode.Binary:
                    _fragments = new ReceiveWindow(Math.Max(frame.Payload.Length * 2, 4096));
                    _fragments.Append(frame.Payload);
                    continue;
                case WebSocketOpcode.Continuation when _fragments is not null:
                    _fragments.Append(frame.Payload);
                    if (!frame.Fin)
                        continue;
                    message = _fragments.Data.ToArray();
                    _fragments = null;
                    return MessageResult.Message;
                default:
                    throw new InvalidOperationException($"The gateway sent an unexpected frame (opcode {frame.Opcode}).");
            }
        }
        return MessageResult.Closed;
    }

    /// <summary>Close handshake (1000): sends the close frame and waits, bounded, for the gateway's; then drops the socket.</summary>
    public void Close(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _outgoing.Add(WebSocketOpcode.Close, [0x03, 0xE8]);
        var checkRead = new List<Socket>(1);
        var checkWrite = new List<Socket>(1);
        while (!_closeReceived && Stopwatch.GetTimestamp() < deadline)
        {
            checkRead.Clear();
            checkRead.Add(Socket);
            checkWrite.Clear();
            if (!TrySend())
                checkWrite.Add(Socket);
            Socket.Select(checkRead, checkWrite.Count > 0 ? checkWrite : null, null, microSeconds: 50_000);
            if (checkRead.Count == 0)
                continue;
            Receive();
            while (TryReadMessage(out _) == MessageResult.Message)
            {
                // Frames still in flight after the last request are of no interest any more.
            }
        }
    }

    public void Dispose() => Socket.Dispose();

    /// <summary>Blocking send of everything queued (handshake only, while the socket still blocks).</summary>
    private void SendAll()
    {
        if (!_outgoing.TrySend(Socket))
            throw new InvalidOperationException("A blocking send did not complete.");
    }

    private FrameHeader WaitFor(Func<FrameHeader, bool> isWanted, string what, long deadline, CancellationToken cancellationToken)
    {
        var unrelated = 0;
        while (true)
        {
            switch (TryReadMessage(out var message))
            {
                case MessageResult.Message:
                    var header = FrameHeader.Read(message);
                    if (isWanted(header))
                        return header;
                    if (++unrelated > MaxUnrelatedFrames)
                        throw new InvalidOperationException($"No {what} within {MaxUnrelatedFrames} frames.");
                    continue;
                case MessageResult.Closed:
                    throw new InvalidOperationException($"The gateway closed while the bench waited for {what}.");
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"No {what} within {HandshakeTimeout.TotalSeconds:0} s.");
            if (HasUnsentBytes)
                SendAll(); // pongs
            Receive(); // blocking, bounded by the socket's receive timeout
        }
    }
}
