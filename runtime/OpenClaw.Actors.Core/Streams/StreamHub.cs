namespace OpenClaw.Actors.Streams;

/// <summary>
/// The subscriptions of one stream. Publishes are serialized by an async lock so that every subscription queues
/// the items in the same order; the subscription list is copy-on-write so a publish works on a stable snapshot.
/// </summary>
internal sealed class StreamHub
{
    private readonly SemaphoreSlim _publishLock = new(1, 1);
    private ISubscription[] _subscriptions = [];

    public IReadOnlyList<ISubscription> Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>Called under the provider's lock.</summary>
    public void Add(ISubscription subscription) => Volatile.Write(ref _subscriptions, [.. _subscriptions, subscription]);

    /// <summary>Called under the provider's lock; true when the stream has no subscription left.</summary>
    public bool Remove(ISubscription subscription)
    {
        var remaining = _subscriptions.Where(existing => !ReferenceEquals(existing, subscription)).ToArray();
        Volatile.Write(ref _subscriptions, remaining);
        return remaining.Length == 0;
    }

    public async Task PublishAsync<T>(T item, CancellationToken cancellationToken)
    {
        if (item is null) throw new ArgumentNullException(nameof(item), "Stream items cannot be null.");
        await _publishLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var subscription in Volatile.Read(ref _subscriptions))
                await subscription.EnqueueAsync(item, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _publishLock.Release();
        }
    }
}
