namespace OpenClaw.Gateway.WebSockets;

/// <summary>
/// Pings the peer every interval; when a ping has had no pong within the timeout, the socket is aborted (a peer
/// that vanished without closing, e.g. a sleeping laptop, would otherwise hold its connection forever). One timer
/// per connection, re-armed for the next step each time it fires.
/// </summary>
internal sealed class WebSocketKeepAlive : IDisposable
{
    private readonly PipeWebSocket _socket;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _timeout;
    private readonly ITimer _timer;
    private int _awaitingPong;

    public WebSocketKeepAlive(PipeWebSocket socket, TimeSpan interval, TimeSpan timeout, TimeProvider time)
    {
        _socket = socket;
        _interval = interval;
        _timeout = timeout > TimeSpan.Zero ? timeout : Timeout.InfiniteTimeSpan;
        _timer = time.CreateTimer(static state => ((WebSocketKeepAlive)state!).OnTick(), this, interval, Timeout.InfiniteTimeSpan);
    }

    public void OnPong()
    {
        if (Interlocked.Exchange(ref _awaitingPong, 0) == 1)
        {
            Rearm(_interval);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void OnTick()
    {
        if (Volatile.Read(ref _awaitingPong) == 1)
        {
            _socket.OnKeepAliveTimeout();
            return;
        }

        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            Volatile.Write(ref _awaitingPong, 1);
        }

        // The ping's task owns its failure (logged, connection aborted); the next step is the timer's.
        _ = _socket.SendKeepAlivePingAsync();
        Rearm(_timeout != Timeout.InfiniteTimeSpan ? _timeout : _interval);
    }

    private void Rearm(TimeSpan dueTime)
    {
        try
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The socket closed meanwhile: no more pings.
        }
    }
}
