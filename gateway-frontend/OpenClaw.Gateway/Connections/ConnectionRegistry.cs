using System.Collections.Concurrent;

namespace OpenClaw.Gateway.Connections;

/// <summary>The open connections of this gateway instance (from accept to end), for fan-out and shutdown.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, GatewayConnection> _connections = new(StringComparer.Ordinal);
    private TaskCompletionSource? _emptied;

    public int Count => _connections.Count;

    public void Add(GatewayConnection connection) => _connections[connection.Id] = connection;

    public bool Remove(GatewayConnection connection)
    {
        if (!_connections.TryRemove(connection.Id, out _))
        {
            return false;
        }

        if (_connections.IsEmpty)
        {
            Volatile.Read(ref _emptied)?.TrySetResult();
        }

        return true;
    }

    /// <summary>A moment-in-time view; connections may close while it is enumerated (sends to them are no-ops).</summary>
    public ICollection<GatewayConnection> Snapshot() => _connections.Values;

    /// <summary>
    /// Closes every connection at once (each flushes what it has queued, then sends the close frame), waits until all
    /// have ended, and aborts whatever is left after <paramref name="bound"/>: shutdown takes at most that long
    /// however many connections there are, instead of waiting on each one's close handshake in turn.
    /// </summary>
    /// <returns>How many connections had to be aborted.</returns>
    public async Task<int> CloseAllAsync(int code, string reason, TimeSpan bound, TimeProvider time, CancellationToken cancellationToken)
    {
        var emptied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _emptied, emptied);
        foreach (var connection in _connections.Values)
        {
            connection.Close(code, reason);
        }

        if (_connections.IsEmpty)
        {
            emptied.TrySetResult();
        }

        try
        {
            await emptied.Task.WaitAsync(bound, time, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            var aborted = 0;
            foreach (var connection in _connections.Values)
            {
                connection.Abort();
                aborted++;
            }

            return aborted;
        }
    }
}
