using System.Collections.Concurrent;

namespace OpenClaw.Actors.RabbitMq.Client;

/// <summary>
/// Correlation id → the caller waiting for that answer. Bounded by <see cref="RabbitMqTransportOptions.MaxPendingCalls"/>:
/// when every slot is taken a new call waits for one until its own deadline (then it times out), so a burst slows callers
/// down instead of growing the table without limit.
/// </summary>
internal sealed class PendingCalls(int capacity) : IDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _waiting = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(capacity, capacity);

    public int Count => _waiting.Count;

    public async Task<PendingCall> RegisterAsync(string correlationId, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd(correlationId, answer))
        {
            _slots.Release();
            throw new InvalidOperationException($"Correlation id {correlationId} is already waiting for an answer.");
        }

        return new PendingCall(this, correlationId, answer.Task);
    }

    /// <summary>Hands an answer to its caller; false when nobody waits for it any more (the caller timed out).</summary>
    public bool Complete(string? correlationId, byte[] body) =>
        correlationId is not null && _waiting.TryRemove(correlationId, out var answer) && answer.TrySetResult(body);

    /// <summary>
    /// Fails every call waiting now: their answers can no longer arrive, because a direct reply-to address lives only as
    /// long as the channel that published the call, and the connection carrying those channels went away.
    /// </summary>
    public int FailAll(Func<Exception> failure)
    {
        var failed = 0;
        foreach (var correlationId in _waiting.Keys)
        {
            if (_waiting.TryRemove(correlationId, out var answer) && answer.TrySetException(failure())) failed++;
        }

        return failed;
    }

    private void Release(string correlationId)
    {
        _waiting.TryRemove(correlationId, out _);
        _slots.Release();
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>One registered call; disposing it frees the slot whether or not the answer came.</summary>
    internal readonly struct PendingCall(PendingCalls owner, string correlationId, Task<byte[]> answer) : IDisposable
    {
        public Task<byte[]> Answer { get; } = answer;

        public void Dispose() => owner.Release(correlationId);
    }
}
