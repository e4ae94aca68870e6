using System.Text;
using System.Text.Json;
using OpenClaw.Bench.Chat;
using OpenClaw.Bench.Client;

namespace OpenClaw.Bench.Cluster;

/// <summary>
/// One operator connection to a front node: requests answered through a receive loop that also counts the chat
/// events it sees (all of them, and the terminal ones). Bounded: pending requests are the caller's own, one per call.
/// </summary>
internal sealed class ClusterBenchClient : IAsyncDisposable
{
    private readonly GatewayConnection _connection;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<long, TaskCompletionSource<(bool Ok, string Frame)>> _pending = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private long _nextId = GatewayEndpoint.ConnectRequestId + 1;
    private long _chatEvents;
    private long _terminalEvents;

    private ClusterBenchClient(GatewayConnection connection)
    {
        _connection = connection;
        _receiveLoop = ReceiveLoopAsync(_stop.Token);
    }

    public long ChatEvents => Interlocked.Read(ref _chatEvents);
    public long TerminalEvents => Interlocked.Read(ref _terminalEvents);

    public static async Task<ClusterBenchClient> OpenAsync(GatewayEndpoint endpoint, CancellationToken cancellationToken) =>
        new(await GatewayConnection.OpenAsync(endpoint, cancellationToken));

    /// <summary>Sends one request; ok plus the response frame, or (false, reason) on timeout or a lost connection.</summary>
    public async Task<(bool Ok, string Frame)> CallAsync(string method, object parameters, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<(bool Ok, string Frame)>(TaskCreationOptions.RunContinuationsAsynchronously);
        long id;
        lock (_gate)
        {
            id = _nextId++;
            _pending.Add(id, completion);
        }
        var frame = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = "req", ["id"] = $"{id}", ["method"] = method, ["params"] = parameters,
        }));
        try
        {
            await _sendGate.WaitAsync(cancellationToken);
            try
            {
                await _connection.SendAsync(frame, cancellationToken);
            }
            finally
            {
                _sendGate.Release();
            }
            return await completion.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
        {
            return (false, $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            lock (_gate) _pending.Remove(id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.CloseAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or OperationCanceledException)
        {
            // Teardown only.
        }
        await _stop.CancelAsync();
        await _receiveLoop;
        _connection.Dispose();
        _stop.Dispose();
        _sendGate.Dispose();
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            while (await _connection.ReceiveAsync(cancellationToken) is { } message)
                Route(message);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            // Stopped, or the front node went away: pending calls fail below.
        }
        lock (_gate)
        {
            foreach (var pending in _pending.Values) pending.TrySetResult((false, "connection closed"));
            _pending.Clear();
        }
    }

    private void Route(ReadOnlyMemory<byte> message)
    {
        var header = FrameHeader.Read(message.Span);
        if (header.Kind == FrameKind.Response)
        {
            TaskCompletionSource<(bool, string)>? pending;
            lock (_gate) _pending.Remove(header.Id, out pending);
            pending?.TrySetResult((header.Ok, header.Ok ? "" : ErrorText.Shorten(message.Span)));
            return;
        }
        if (header.Kind != FrameKind.Event || !ChatEvent.TryRead(message, out var chat)) return;
        Interlocked.Increment(ref _chatEvents);
        if (chat.IsTerminal) Interlocked.Increment(ref _terminalEvents);
    }
}
