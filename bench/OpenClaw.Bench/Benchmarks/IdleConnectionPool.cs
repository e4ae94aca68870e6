using System.Net.WebSockets;
using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;

namespace OpenClaw.Bench.Benchmarks;

/// <summary>Authenticated connections held open with nothing to do. Each has a drain loop so the client still answers
/// the gateway's keepalive pings and takes its ticks. Owns the drain tasks and reports how they ended.</summary>
internal sealed class IdleConnectionPool : IAsyncDisposable
{
    private const int DrainBufferBytes = 512;
    private static readonly TimeSpan CloseAllLimit = TimeSpan.FromSeconds(60);

    private readonly GatewayEndpoint _endpoint;
    private readonly List<(GatewayConnection Connection, Task Drain)> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private int _closedByGateway;
    private volatile bool _closing;

    public IdleConnectionPool(GatewayEndpoint endpoint) => _endpoint = endpoint;

    public int Count
    {
        get
        {
            lock (_gate)
                return _open.Count;
        }
    }

    /// <summary>Connections the gateway closed while they were supposed to stay idle.</summary>
    public int ClosedByGateway => Volatile.Read(ref _closedByGateway);

    /// <summary>Opens connections until <paramref name="target"/> are held, <paramref name="concurrency"/> handshakes at a time.</summary>
    public async Task GrowToAsync(int target, int concurrency, FailureLog failures, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var budget = new WorkBudget(Math.Max(0, target - Count), Deadline.After(timeLimit));
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (budget.TryTake())
            {
                try
                {
                    var connection = await GatewayConnection.OpenAsync(_endpoint, cancellationToken);
                    connection.ReleaseMessageBuffer();
                    lock (_gate)
                        _open.Add((connection, DrainAsync(connection)));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures.Add(ex);
                }
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
    }

    /// <summary>Closes every connection (close frame, then the drain loop sees the gateway's close), bounded in time.</summary>
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        List<(GatewayConnection Connection, Task Drain)> open;
        lock (_gate)
        {
            open = [.. _open];
            _open.Clear();
        }

        _stop.CancelAfter(CloseAllLimit);
        using var closing = new SemaphoreSlim(32);
        await Task.WhenAll(open.Select(async entry =>
        {
            await closing.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                if (entry.Connection.Socket.State == WebSocketState.Open)
                    await entry.Connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", _stop.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Teardown only: the socket is disposed below either way.
            }
            finally
            {
                closing.Release();
            }
        }));
        await Task.WhenAll(open.Select(e => e.Drain)); // drain loops never throw
        foreach (var (connection, _) in open)
            connection.Dispose();
        _stop.Dispose();
    }

    private async Task DrainAsync(GatewayConnection connection)
    {
        await Task.Yield();
        var buffer = new byte[DrainBufferBytes];
        try
        {
            while (true)
            {
                var result = await connection.Socket.ReceiveAsync(buffer.AsMemory(), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (!_closing)
                        Interlocked.Increment(ref _closedByGateway);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            if (!_closing)
                Interlocked.Increment(ref _closedByGateway);
        }
    }
}
