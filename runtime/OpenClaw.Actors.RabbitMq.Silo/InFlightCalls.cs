namespace OpenClaw.Actors.RabbitMq.Silo;

/// <summary>
/// The call completions a shard receiver has started and not finished (at most its prefetch count, since each holds an
/// unacknowledged delivery). Tracked so a draining silo can wait for them before it gives its shards away. The tracked
/// tasks handle and log their own failures; this only waits for them.
/// </summary>
internal sealed class InFlightCalls
{
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];

    public int Count
    {
        get { lock (_lock) return _running.Count; }
    }

    public void Track(Task completion)
    {
        lock (_lock) _running.Add(completion);
        completion.ContinueWith(static (done, state) => ((InFlightCalls)state!).Remove(done), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when nothing is in flight (bounded by <paramref name="cancellationToken"/>).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task[] running;
            lock (_lock) running = [.. _running];
            if (running.Length == 0) return;
            await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Like <see cref="WhenIdleAsync"/>, but gives up after <paramref name="bound"/>: true when idle, false when calls were
    /// still in flight then. <paramref name="cancellationToken"/> still throws.
    /// </summary>
    public async Task<bool> WhenIdleWithinAsync(TimeSpan bound, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(bound, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await WhenIdleAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Remove(Task done)
    {
        lock (_lock) _running.Remove(done);
    }
}
