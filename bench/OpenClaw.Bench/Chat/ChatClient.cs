using System.Diagnostics;
using OpenClaw.Bench.Client;

namespace OpenClaw.Bench.Chat;

/// <summary>
/// One operator connection (read + write scopes) that starts chat runs and completes each run's task when its
/// terminal <c>chat</c> event arrives. A single receive loop routes frames by runId (events) and request id
/// (an <c>ok:false</c> answer fails its run); sends are serialized because <see cref="System.Net.WebSockets.ClientWebSocket"/>
/// allows one send at a time. Bounded: the bench never has more runs open on a connection than it started.
/// </summary>
internal sealed class ChatClient : IAsyncDisposable
{
    private readonly GatewayConnection _connection;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PendingRun> _byRunId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, PendingRun> _byRequestId = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private long _nextRequestId = GatewayEndpoint.ConnectRequestId + 1;

    private ChatClient(GatewayConnection connection)
    {
        _connection = connection;
        _receiveLoop = ReceiveLoopAsync(_stop.Token);
    }

    /// <summary>True once the receive loop has ended (the gateway closed or the socket failed).</summary>
    public bool IsClosed => _receiveLoop.IsCompleted;

    public static async Task<ChatClient> OpenAsync(GatewayEndpoint endpoint, CancellationToken cancellationToken) =>
        new(await GatewayConnection.OpenAsync(endpoint, cancellationToken));

    /// <summary>Sends chat.send; the task ends with the Stopwatch timestamp at which the run's <c>final</c> arrived,
    /// and fails when the request is refused, the run ends otherwise, or the connection is lost.</summary>
    public async Task<long> SendAsync(string sessionKey, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString();
        var run = new PendingRun(runId);
        long requestId;
        lock (_gate)
        {
            requestId = _nextRequestId++;
            _byRunId.Add(runId, run);
            _byRequestId.Add(requestId, run);
        }
        var frame = ChatSendFrame.Build(requestId, sessionKey, runId);
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            await _connection.SendAsync(frame, cancellationToken);
        }
        finally
        {
            _sendGate.Release();
        }
        if (IsClosed)
            Fail(run, new InvalidOperationException("The connection's receive loop has ended."));
        return await run.Final.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.CloseAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or OperationCanceledException)
        {
            // Teardown only: an aborted socket is disposed just the same.
        }
        await _stop.CancelAsync();
        await _receiveLoop; // never throws: the loop ends every open run instead
        _connection.Dispose();
        _stop.Dispose();
        _sendGate.Dispose();
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield(); // the constructor must not run the loop inline
        Exception ending = new InvalidOperationException("The gateway closed the connection.");
        try
        {
            while (await _connection.ReceiveAsync(cancellationToken) is { } message)
                Route(message);
        }
        catch (Exception ex)
        {
            ending = ex;
        }
        lock (_gate)
        {
            foreach (var run in _byRunId.Values)
                run.Final.TrySetException(ending);
            _byRunId.Clear();
            _byRequestId.Clear();
        }
    }

    private void Route(ReadOnlyMemory<byte> message)
    {
        var header = FrameHeader.Read(message.Span);
        if (header.Kind == FrameKind.Response)
        {
            PendingRun? run;
            lock (_gate)
                _byRequestId.Remove(header.Id, out run);
            if (run is not null && !header.Ok)
                Fail(run, new InvalidOperationException($"chat.send refused: {ErrorText.Shorten(message.Span)}"));
            return;
        }
        if (header.Kind != FrameKind.Event || !ChatEvent.TryRead(message, out var chat) || !chat.IsTerminal)
            return;

        var receivedAt = Stopwatch.GetTimestamp();
        PendingRun? finished;
        lock (_gate)
            _byRunId.Remove(chat.RunId, out finished);
        if (finished is null)
            return;
        if (chat.State == "final")
            finished.Final.TrySetResult(receivedAt);
        else
            finished.Final.TrySetException(new InvalidOperationException($"The run ended with state {chat.State}."));
    }

    private void Fail(PendingRun run, Exception exception)
    {
        lock (_gate)
            _byRunId.Remove(run.RunId);
        run.Final.TrySetException(exception);
    }

    private sealed class PendingRun(string runId)
    {
        public string RunId { get; } = runId;
        public TaskCompletionSource<long> Final { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
