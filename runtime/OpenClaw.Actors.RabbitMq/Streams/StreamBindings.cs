using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client.Exceptions;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// Which streams this node's local subscriptions want, and the node queue's bindings that follow from it: the first
/// subscription of a stream id (or of a namespace) binds its key, the last one to go unbinds it. This table, not the
/// broker, is the truth: a binding change that cannot reach the broker (no connection) is applied when the next
/// session is opened (<see cref="ApplyAllAsync"/>), and an unbind that failed is retried then, so a queue that outlived
/// the connection does not keep a stale binding. Changes and session setup are serialized by one async lock, so the
/// broker sees them in the order they happened.
/// </summary>
internal sealed partial class StreamBindings(ILogger logger)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, int> _bindingCounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _staleBindings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<StreamId, int> _interest = new();

    /// <summary>True when a local subscription wants items of <paramref name="streamId"/> (itself or its namespace).</summary>
    public bool IsWanted(StreamId streamId) =>
        _interest.ContainsKey(streamId) || _interest.ContainsKey(StreamId.Create(streamId.Namespace, StreamId.AllKeys));

    public async Task AddAsync(StreamId streamId, Func<StreamLinkSession?> currentSession)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            _interest.AddOrUpdate(streamId, 1, (_, count) => count + 1);
            var key = StreamTopology.BindingKey(streamId);
            var count = _bindingCounts.GetValueOrDefault(key) + 1;
            _bindingCounts[key] = count;
            if (count > 1) return;
            _staleBindings.Remove(key);
            // Read under the lock: a session becomes current only inside ApplyAllAsync, which holds it too.
            var session = currentSession();
            if (session is not null) await TryAsync(() => session.BindAsync(key, CancellationToken.None), "bind", key).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task RemoveAsync(StreamId streamId, Func<StreamLinkSession?> currentSession)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_interest.AddOrUpdate(streamId, 0, (_, count) => count - 1) <= 0) _interest.TryRemove(streamId, out _);
            var key = StreamTopology.BindingKey(streamId);
            if (!_bindingCounts.TryGetValue(key, out var count)) return;
            if (count > 1)
            {
                _bindingCounts[key] = count - 1;
                return;
            }

            _bindingCounts.Remove(key);
            var session = currentSession();
            if (session is null || !await TryAsync(() => session.UnbindAsync(key, CancellationToken.None), "unbind", key).ConfigureAwait(false))
                _staleBindings.Add(key);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Puts every wanted binding on <paramref name="session"/>'s queue and removes the stale ones, then calls
    /// <paramref name="publish"/> while still holding the lock, so no binding change can fall between the two.
    /// </summary>
    public async Task ApplyAllAsync(StreamLinkSession session, Action publish, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var key in _staleBindings.ToList())
            {
                await session.UnbindAsync(key, cancellationToken).ConfigureAwait(false);
                _staleBindings.Remove(key);
            }

            foreach (var key in _bindingCounts.Keys) await session.BindAsync(key, cancellationToken).ConfigureAwait(false);
            publish();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>False when the broker could not be reached; the change is then made by the next session.</summary>
    private async Task<bool> TryAsync(Func<Task> change, string what, string bindingKey)
    {
        try
        {
            await change().ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or IOException or TimeoutException)
        {
            LogDeferred(exception, what, bindingKey);
            return false;
        }
    }

    [LoggerMessage(2805, LogLevel.Debug, "Could not {Change} stream binding {BindingKey} now; it is applied when the connection is back")]
    private partial void LogDeferred(Exception exception, string change, string bindingKey);
}
