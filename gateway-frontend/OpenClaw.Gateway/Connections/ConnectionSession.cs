using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Handshake;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Drives one socket through its phases (SignalR style): challenge → handshake (timeout, frame guards, connect
/// admission) → hello-ok → read loop with concurrent dispatch → close. One reader loop serves every phase so
/// frames that arrive while <c>connect</c> is being decided are still counted against the pre-hello limit.
/// </summary>
internal sealed partial class ConnectionSession(GatewayConnection connection, ConnectionServices services)
{
    private readonly Lock _phaseGate = new();
    private readonly CancellationTokenSource _requests = new();
    private readonly GatewayOptions _options = services.Options;
    private TaskCompletionSource? _drained;
    private ITimer? _handshakeTimer;
    private Phase _phase = Phase.AwaitingConnect;
    private int _preHelloFrames;
    private int _inFlight;
    private volatile bool _finishing;

    private enum Phase
    {
        AwaitingConnect,
        Connecting,
        Open,
    }

    public async Task RunAsync()
    {
        services.Registry.Add(connection);
        SendChallenge();
        _handshakeTimer = services.Time.CreateTimer(
            static state => ((ConnectionSession)state!).OnHandshakeTimeout(), this, _options.HandshakeTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            await ReadLoopAsync(new WebSocketMessageReader(connection.Socket)).ConfigureAwait(false);
        }
        finally
        {
            await FinishAsync().ConfigureAwait(false);
        }
    }

    private void SendChallenge()
    {
        var challenge = new ConnectChallenge(connection.ChallengeNonce, services.Time.GetUtcNow().ToUnixTimeMilliseconds(), ["model-catalog-snapshot"]);
        connection.SendChallenge(JsonSerializer.SerializeToUtf8Bytes(challenge, ProtocolJson.Default.ConnectChallenge));
    }

    private async Task ReadLoopAsync(WebSocketMessageReader reader)
    {
        while (true)
        {
            InboundMessage message;
            try
            {
                var first = await reader.WaitForMessageAsync(connection.Aborted).ConfigureAwait(false);
                message = await reader.ReadMessageAsync(first, CurrentFrameLimit(), connection.Aborted).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // Aborted by us (close timeout, slow consumer) or the peer vanished without a close frame.
                return;
            }

            if (message.Kind == InboundMessageKind.Closed)
            {
                var status = connection.Socket.CloseStatus;
                connection.Close(EchoableCloseCode(status), "");
                return;
            }

            if (connection.IsClosing)
            {
                continue; // Drain until the peer answers our close frame.
            }

            if (message.Kind == InboundMessageKind.TooBig)
            {
                LogFrameTooBig(services.Logger, connection.Id, CurrentFrameLimit());
                connection.Close(WebSocketCloseCodes.MessageTooBig, "frame too large");
                continue;
            }

            using (message)
            {
                OnMessage(message);
            }
        }
    }

    private int CurrentFrameLimit() => CurrentPhase() == Phase.Open ? _options.MaxPayloadBytes : _options.MaxPreAuthPayloadBytes;

    private Phase CurrentPhase()
    {
        lock (_phaseGate)
        {
            return _phase;
        }
    }

    private void OnMessage(InboundMessage message)
    {
        var phase = CurrentPhase();
        if (phase == Phase.Open)
        {
            OnOpenFrame(message);
            return;
        }

        if (++_preHelloFrames > _options.MaxPreHelloFrames)
        {
            connection.Close(WebSocketCloseCodes.PolicyViolation, "too many frames before hello");
            return;
        }

        if (phase == Phase.AwaitingConnect)
        {
            OnFirstFrame(message);
        }

        // While connect is being decided further frames are only counted.
    }

    private void OnFirstFrame(InboundMessage message)
    {
        switch (Parse(message))
        {
            case InboundFrame.NotJson:
                connection.Close(WebSocketCloseCodes.Normal, "");
                break;
            case InboundFrame.Invalid invalid:
                RejectFrame(InvalidFrame(invalid.Reasons), closeReason: "invalid request frame");
                break;
            case InboundFrame.Request { Method: not ConnectMethod } request:
                const string NotConnect = "invalid handshake: first request must be connect";
                connection.SendError(request.Id, new ErrorShape(ErrorCodes.InvalidRequest, NotConnect));
                connection.Close(WebSocketCloseCodes.PolicyViolation, NotConnect);
                break;
            case InboundFrame.Request connect:
                lock (_phaseGate)
                {
                    _phase = Phase.Connecting;
                }

                // Off the reader, so frames that arrive while connect is decided are still read and counted.
                BeginWork();
                _ = Task.Run(() => RunConnectAsync(connect));
                break;
        }
    }

    private void RejectFrame(ErrorShape error, string closeReason)
    {
        connection.SendError(InvalidFrameId, error);
        connection.Close(WebSocketCloseCodes.PolicyViolation, closeReason);
    }

    private async Task ConnectAsync(InboundFrame.Request request)
    {
        var result = services.Admission.Admit(connection, request.Params);
        if (result is AdmissionResult.Rejected rejected)
        {
            LogHandshakeRejected(services.Logger, connection.Id, rejected.Error.Code, rejected.CloseCode);
            connection.SendError(request.Id, rejected.Error);
            connection.Close(rejected.CloseCode, rejected.CloseReason);
            return;
        }

        var accepted = (AdmissionResult.Accepted)result;
        var hello = await services.Hello.BuildAsync(connection.Id, accepted.Principal, accepted.Protocol, _requests.Token).ConfigureAwait(false);
        var frame = FrameWriter.Response(request.Id, hello, ProtocolJson.Default.HelloOk);
        lock (_phaseGate)
        {
            if (connection.IsClosing)
            {
                frame.Return();
                return;
            }

            // Open before hello-ok is queued, inside the lock: a request that races the hello is dispatched and
            // its response can only be queued after the hello.
            connection.MarkAuthenticated(accepted.Principal);
            _phase = Phase.Open;
            connection.Send(frame);
        }

        // Timers are per connection, so each one that is no longer needed is let go at once (the field too: a
        // disposed timer still holds its timer-queue entry and captured execution context).
        Interlocked.Exchange(ref _handshakeTimer, null)?.Dispose();

        LogHello(services.Logger, connection.Id, accepted.Principal.ClientId, accepted.Principal.ClientMode, accepted.Principal.Role);
        services.Presence.Connected(connection.Id, accepted.Principal);
    }

    private void OnOpenFrame(InboundMessage message)
    {
        switch (Parse(message))
        {
            case InboundFrame.NotJson:
                LogIgnoredNonJson(services.Logger, connection.Id);
                break;
            case InboundFrame.Invalid invalid:
                connection.SendError(InvalidFrameId, InvalidFrame(invalid.Reasons));
                break;
            case InboundFrame.Request { Method: ConnectMethod } again:
                connection.SendError(again.Id, new ErrorShape(ErrorCodes.InvalidRequest, "connect is only valid as the first request"));
                break;
            case InboundFrame.Request request:
                Dispatch(request);
                break;
        }
    }

    private void Dispatch(InboundFrame.Request request)
    {
        if (Volatile.Read(ref _inFlight) >= _options.MaxInFlightRequests)
        {
            connection.SendError(request.Id, new ErrorShape(ErrorCodes.Unavailable, "too many requests in flight on this connection")
            {
                Retryable = true,
                RetryAfterMs = 100,
            });
            return;
        }

        BeginWork();
        _ = RunRequestAsync(request, connection.Principal!);
    }

    /// <summary>
    /// Handles one request without a thread hop: it runs on the reader up to its first asynchronous wait, then the
    /// reader goes on while the rest completes wherever that wait resumes. Handlers are asynchronous end to end
    /// (grain calls, I/O), so only synchronous work holds up this connection's next frame, never another
    /// connection's; a cached <c>health</c> answer is queued before the reader reads on. The task needs no
    /// observer: it catches and logs its own failures, and the in-flight count lets the session wait for it.
    /// </summary>
    private async Task RunRequestAsync(InboundFrame.Request request, ConnectionPrincipal principal)
    {
        try
        {
            var response = await services.Dispatcher.DispatchAsync(connection, principal, request, _requests.Token).ConfigureAwait(false);
            if (response is { } frame)
            {
                connection.Send(frame);
            }
        }
        catch (Exception exception)
        {
            OnWorkFailed(exception);
        }
        finally
        {
            EndWork();
        }
    }

    private async Task RunConnectAsync(InboundFrame.Request request)
    {
        try
        {
            await ConnectAsync(request).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            OnWorkFailed(exception);
        }
        finally
        {
            EndWork();
        }
    }

    /// <summary>Counts work running beside the reader, so the connection waits for it (boundedly) before ending.</summary>
    private void BeginWork() => Interlocked.Increment(ref _inFlight);

    private void EndWork()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _finishing)
        {
            _drained!.TrySetResult();
        }
    }

    private void OnWorkFailed(Exception exception)
    {
        if (exception is OperationCanceledException && _requests.IsCancellationRequested)
        {
            return; // The connection ended while the work was running.
        }

        LogWorkFailed(services.Logger, exception, connection.Id);
        connection.Close(WebSocketCloseCodes.InternalError, "internal error");
    }

    private void OnHandshakeTimeout()
    {
        lock (_phaseGate)
        {
            if (_phase == Phase.Open)
            {
                return;
            }
        }

        LogHandshakeTimeout(services.Logger, connection.Id);
        connection.Close(WebSocketCloseCodes.Normal, "handshake timeout");
    }

    private async Task FinishAsync()
    {
        services.Registry.Remove(connection);
        if (connection.Principal is not null)
        {
            services.Presence.Disconnected(connection.Id);
        }

        Interlocked.Exchange(ref _handshakeTimer, null)?.Dispose();
        await _requests.CancelAsync().ConfigureAwait(false);
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _drained = drained;
        _finishing = true;
        if (Volatile.Read(ref _inFlight) == 0)
        {
            drained.TrySetResult();
        }

        connection.Close(WebSocketCloseCodes.Normal, "");
        try
        {
            await Task.WhenAll(connection.WhenWriterStopped(), drained.Task).WaitAsync(_options.CloseTimeout, services.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            connection.Abort();
        }

        _requests.Dispose();
    }

    private static InboundFrame Parse(InboundMessage message) =>
        message.Type == WebSocketMessageType.Binary
            ? new InboundFrame.Invalid("binary frames are not supported")
            : RequestFrameParser.Parse(message.Data);

    private static ErrorShape InvalidFrame(string reasons) => new(ErrorCodes.InvalidRequest, $"invalid request frame: {reasons}");

    /// <summary>Answers a peer close with its own code when that code may be sent; 1005/1006/1015 are receive-only.</summary>
    private static int EchoableCloseCode(WebSocketCloseStatus? status) =>
        status is { } code && (int)code is >= 1000 and <= 4999 and not (1004 or 1005 or 1006 or 1015) ? (int)code : WebSocketCloseCodes.Normal;

    private const string ConnectMethod = "connect";
    private const string InvalidFrameId = "invalid";

    [LoggerMessage(1020, LogLevel.Information, "Connection {ConnectionId} authenticated as {ClientId}/{ClientMode} role {Role}")]
    private static partial void LogHello(ILogger logger, string connectionId, string clientId, string clientMode, string role);

    [LoggerMessage(1021, LogLevel.Information, "Connection {ConnectionId} handshake rejected: {ErrorCode}, closing {CloseCode}")]
    private static partial void LogHandshakeRejected(ILogger logger, string connectionId, string errorCode, int closeCode);

    [LoggerMessage(1022, LogLevel.Information, "Connection {ConnectionId} handshake timed out")]
    private static partial void LogHandshakeTimeout(ILogger logger, string connectionId);

    [LoggerMessage(1023, LogLevel.Information, "Connection {ConnectionId} sent a frame over {LimitBytes} bytes; closing 1009")]
    private static partial void LogFrameTooBig(ILogger logger, string connectionId, int limitBytes);

    [LoggerMessage(1024, LogLevel.Debug, "Connection {ConnectionId} sent a non-JSON frame; ignored")]
    private static partial void LogIgnoredNonJson(ILogger logger, string connectionId);

    [LoggerMessage(1025, LogLevel.Error, "Connection {ConnectionId} failed while handling a frame")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, string connectionId);
}
