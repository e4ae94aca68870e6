namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>A local subscription of <see cref="RabbitMqStreamProvider"/>; unsubscribing also releases its share of the node queue's binding.</summary>
internal sealed class RabbitMqStreamSubscription(StreamSubscriptionHandle local, Func<Task> releaseBinding) : StreamSubscriptionHandle
{
    private int _unsubscribed;

    public override StreamId StreamId => local.StreamId;

    public override long DroppedCount => local.DroppedCount;

    public override async Task UnsubscribeAsync()
    {
        if (Interlocked.Exchange(ref _unsubscribed, 1) == 1) return;
        await local.UnsubscribeAsync().ConfigureAwait(false);
        await releaseBinding().ConfigureAwait(false);
    }
}
