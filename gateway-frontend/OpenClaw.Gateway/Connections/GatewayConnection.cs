using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Per-socket state only: identity, the send queue and its writer, and the connection-scoped cancellation.
/// Everything sent goes through <see cref="OutboundQueue"/>; <see cref="Close"/> flushes what is queued, sends the
/// close frame, and aborts the socket if that has not finished within the close timeout.
/// </summary>
internal sealed partial class GatewayConnection : IRpcConnectionSink, IOutboundWriter, IThreadPoolWorkItem, IDisposable
{
    private readonly WebSocket _socket;
    private readonly OutboundQueue _outbound;
    private readonly WebSocketFrameSender _sender;
    private readonly CancellationTokenSource _aborted = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _closeTimeout;
    private readonly ILogger _logger;
    private readonly EventHold _eventHold;
    private readonly FanOutPacer? _fanOut;
    private ITimer? _closeDeadline;
    private int _closeCode;

    public GatewayConnection(
        string id,
        WebSocket socket,
        IPAddress? remoteIp,
        string challengeNonce,
        long maxBufferedBytes,
        int maxQueuedFrames,
        TimeSpan closeTimeout,
        TimeProvider time,
        ILogger logger,
        FanOutPacer? fanOut = null)
    {
        Id = id;
        _socket = socket;
        RemoteIp = remoteIp;
        IsLoopback = remoteIp is not null && IPAddress.IsLoopback(remoteIp.IsIPv4MappedToIPv6 ? remoteIp.MapToIPv4() : remoteIp);
        ChallengeNonce = challengeNonce;
        _outbound = new OutboundQueue(maxBufferedBytes, maxQueuedFrames, writer: this);
        _sender = new WebSocketFrameSender(socket);
        _closeTimeout = closeTimeout;
        _time = time;
        _logger = logger;
        _fanOut = fanOut;
        _eventHold = new EventHold(e => Observe(_outbound.EnqueueEvent(e.EventName, e.PayloadJson, withSeq: true, e.DropIfSlow, e.StateVersion), e.EventName));
    }

    public string Id { get; }
    public IPAddress? RemoteIp { get; }
    public bool IsLoopback { get; }
    public string ChallengeNonce { get; }

    /// <summary>Set once hello-ok is queued; null before.</summary>
    public ConnectionPrincipal? Principal { get; private set; }

    /// <summary>Cancelled when the socket is aborted or the connection ends; flows into every handler.</summary>
    public CancellationToken Aborted => _aborted.Token;

    public bool IsClosing => Volatile.Read(ref _closeCode) != 0;

    /// <summary>The close code this side chose, or 0.</summary>
    public int CloseCode => Volatile.Read(ref _closeCode);

    public long LastSeq => _outbound.LastSeq;

    public WebSocket Socket => _socket;

    public void MarkAuthenticated(ConnectionPrincipal principal) => Principal = principal;

    /// <summary>Queues a response (or any frame without seq); the queue owns the frame from here. Overflow closes the connection as a slow consumer.</summary>
    public void Send(OutboundFrame frame) => Observe(_outbound.Enqueue(frame), "response");

    public void SendError(string requestId, ErrorShape error) => Send(FrameWriter.Error(requestId, error));

    public bool SendInterimResponse(string requestId, ReadOnlyMemory<byte> payloadJson)
    {
        Send(FrameWriter.Response(requestId, payloadJson.Span));
        return !IsClosing;
    }

    /// <summary>
    /// Queues an event with the next seq; see <see cref="OutboundQueue"/> for the overflow rule. The payload is shared
    /// with every other recipient and written into a frame only when sent: it must not change after this call.
    /// </summary>
    public void SendEvent(string eventName, ReadOnlyMemory<byte> payloadJson, bool dropIfSlow, GatewayStateVersion? stateVersion) =>
        _eventHold.Send(new HeldEvent(eventName, payloadJson, dropIfSlow, stateVersion));

    /// <summary>Keeps events back until <see cref="ReleaseEvents"/>; see <see cref="EventHold"/>.</summary>
    public void HoldEvents() => _eventHold.Hold();

    public void ReleaseEvents() => _eventHold.Release();

    /// <summary>The challenge is the only event without seq.</summary>
    public void SendChallenge(ReadOnlyMemory<byte> payloadJson) =>
        _outbound.EnqueueEvent(GatewayEventNames.ConnectChallenge, payloadJson, withSeq: false, dropIfSlow: false, stateVersion: null);

    /// <summary>Flushes queued frames, then closes with <paramref name="code"/>. Only the first close counts.</summary>
    public void Close(int code, string reason)
    {
        if (Interlocked.CompareExchange(ref _closeCode, code, 0) != 0)
        {
            return;
        }

        _outbound.Complete(code, reason);
        StartCloseDeadline();
    }

    public void Abort()
    {
        Interlocked.CompareExchange(ref _closeCode, WebSocketCloseCodes.InternalError, 0);
        CancelQuietly();
        _socket.Abort();
    }

    /// <summary>Completes once the writer is done for good: the close frame is out, or the socket failed.</summary>
    public Task WhenWriterStopped() => _outbound.WhenWriterStopped();

    /// <summary>Runs the writer on the thread pool, so the thread that queued a frame (a reader, a broadcast) goes on at once.</summary>
    void IOutboundWriter.Wake() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    /// <summary>The writer scheduled on the thread pool; see <see cref="OutboundQueue"/>.</summary>
    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    /// <summary>
    /// The single writer: sends queued frames in order until the queue is empty (then it ends, and the next enqueue
    /// schedules a new one), or up to the close frame. Never throws: a failed send stops the writer for good.
    /// </summary>
    private async Task DrainAsync()
    {
        try
        {
            while (_outbound.TryTake(out var item))
            {
                if (item.Kind == OutboundItemKind.Close)
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync((WebSocketCloseStatus)item.CloseCode, item.Name, _aborted.Token).ConfigureAwait(false);
                    }

                    _outbound.StopWriting();
                    return;
                }

                if (item.Kind == OutboundItemKind.Presence)
                {
                    // Paced before it is resolved, so a presence that arrives while this one waits is the one sent.
                    if (_fanOut is not null)
                    {
                        await _fanOut.WaitAsync(item.Bytes, _aborted.Token).ConfigureAwait(false);
                    }

                    if (!_outbound.TryResolvePresence(item, out item))
                    {
                        continue; // Superseded by a newer presence queued behind it.
                    }
                }

                await _sender.SendAsync(item, _aborted.Token).ConfigureAwait(false);
                _outbound.Release(item.Bytes);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The peer went away or the connection was aborted; the reader notices too and ends the connection.
            LogWriterStopped(_logger, Id, exception.GetType().Name);
            _outbound.StopWriting();
        }
        catch (Exception exception)
        {
            LogWriterFailed(_logger, exception, Id);
            _outbound.StopWriting();
            Abort();
        }
    }

    public void Dispose()
    {
        _closeDeadline?.Dispose();
        CancelQuietly();
        _aborted.Dispose();
    }

    private void Observe(EnqueueResult result, string what)
    {
        if (result == EnqueueResult.Overflow)
        {
            LogSlowConsumer(_logger, Id, what, _outbound.QueuedBytes);
            StartCloseDeadline();
            Interlocked.CompareExchange(ref _closeCode, WebSocketCloseCodes.PolicyViolation, 0);
        }
        else if (result == EnqueueResult.Dropped)
        {
            LogDroppedEvent(_logger, Id, what);
        }
    }

    private void StartCloseDeadline()
    {
        // A peer that stopped reading never lets the close frame out; abort it after the grace period.
        var deadline = _time.CreateTimer(static state => ((GatewayConnection)state!).AbortAfterCloseTimeout(), this, _closeTimeout, Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref _closeDeadline, deadline, null) is not null)
        {
            deadline.Dispose();
        }
    }

    private void AbortAfterCloseTimeout()
    {
        if (_socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
        {
            LogCloseTimedOut(_logger, Id);
            Abort();
        }
    }

    private void CancelQuietly()
    {
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to cancel.
        }
    }

    [LoggerMessage(1010, LogLevel.Warning, "Connection {ConnectionId} is a slow consumer ({What} with {QueuedBytes} bytes queued); closing 1008")]
    private static partial void LogSlowConsumer(ILogger logger, string connectionId, string what, long queuedBytes);

    [LoggerMessage(1011, LogLevel.Debug, "Connection {ConnectionId} dropped event {What}: send buffer full")]
    private static partial void LogDroppedEvent(ILogger logger, string connectionId, string what);

    [LoggerMessage(1012, LogLevel.Debug, "Connection {ConnectionId} writer stopped: {Reason}")]
    private static partial void LogWriterStopped(ILogger logger, string connectionId, string reason);

    [LoggerMessage(1014, LogLevel.Error, "Connection {ConnectionId} writer failed; connection aborted")]
    private static partial void LogWriterFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(1013, LogLevel.Debug, "Connection {ConnectionId} did not finish closing in time; aborted")]
    private static partial void LogCloseTimedOut(ILogger logger, string connectionId);
}
