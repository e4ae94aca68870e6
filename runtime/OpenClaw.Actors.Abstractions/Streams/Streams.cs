namespace OpenClaw.Actors;

/// <summary>Identifies a stream: a namespace (e.g. <c>session</c>) and a key (e.g. the session key).</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    /// <summary>The key a namespace subscription is filed under; not a key items can be published to.</summary>
    public const string AllKeys = "*";

    public static StreamId Create(string @namespace, string key) => new(@namespace, key);
    public override string ToString() => $"{Namespace}/{Key}";
}

/// <summary>A named stream provider (Orleans' <c>GetStreamProvider("name")</c>).</summary>
public interface IStreamProvider
{
    string Name { get; }
    IAsyncStream<T> GetStream<T>(StreamId streamId);

    /// <summary>
    /// Subscribes to every stream of <paramref name="namespace"/> (a wildcard topic binding in cluster mode): each
    /// item arrives with the id of the stream it was published on, in publish order per stream.
    /// </summary>
    Task<StreamSubscriptionHandle> SubscribeNamespaceAsync<T>(string @namespace, Func<StreamId, T, CancellationToken, Task> onNext, StreamSubscriptionOptions? options = null);
}

/// <summary>
/// A stream: items published with <see cref="OnNextAsync"/> reach every subscriber in publish order (per stream).
/// Each subscription has a bounded queue; what happens when it is full is the subscription's
/// <see cref="StreamOverflowPolicy"/>.
/// </summary>
public interface IAsyncStream<T>
{
    StreamId StreamId { get; }
    Task OnNextAsync(T item, CancellationToken cancellationToken = default);
    Task<StreamSubscriptionHandle> SubscribeAsync(Func<T, CancellationToken, Task> onNext, StreamSubscriptionOptions? options = null);
}

/// <summary>A live subscription; dispose or unsubscribe to stop receiving.</summary>
public abstract class StreamSubscriptionHandle : IAsyncDisposable
{
    public abstract StreamId StreamId { get; }
    /// <summary>Items dropped for this subscription by its overflow policy.</summary>
    public abstract long DroppedCount { get; }
    public abstract Task UnsubscribeAsync();
    public async ValueTask DisposeAsync() => await UnsubscribeAsync();
}

/// <summary>Bounds of one subscription's queue and its written overflow rule.</summary>
public sealed record StreamSubscriptionOptions
{
    public static readonly StreamSubscriptionOptions Default = new();

    /// <summary>Items buffered for a slow subscriber.</summary>
    public int Capacity { get; init; } = 1024;

    public StreamOverflowPolicy OverflowPolicy { get; init; } = StreamOverflowPolicy.DropOldest;
}

public enum StreamOverflowPolicy
{
    /// <summary>The oldest buffered item is dropped (and counted); the publisher never waits.</summary>
    DropOldest,
    /// <summary>The publisher waits for room (bounded by its cancellation token / call deadline).</summary>
    Wait,
}
