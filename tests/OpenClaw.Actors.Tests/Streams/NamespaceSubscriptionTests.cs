using System.Collections.Concurrent;
using OpenClaw.Actors.Streams;

namespace OpenClaw.Actors.Tests.Streams;

/// <summary>
/// A front node subscribes once to a whole namespace (all session streams) instead of once per session: it must see
/// every stream's items, tagged with their stream, in publish order per stream, and nothing from other namespaces.
/// </summary>
public sealed class NamespaceSubscriptionTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly InProcessStreamProvider _provider = new("test", new ListLogger<InProcessStreamProvider>());

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    [Fact]
    public async Task SubscribeNamespace_ItemsOnSeveralStreams_ArriveTaggedAndInOrderPerStream()
    {
        var received = new ConcurrentQueue<(StreamId Stream, int Item)>();
        await using var handle = await _provider.SubscribeNamespaceAsync<int>("session", (id, item, _) =>
        {
            received.Enqueue((id, item));
            return Task.CompletedTask;
        });
        var a = StreamId.Create("session", "a");
        var b = StreamId.Create("session", "b");

        await Task.WhenAll(
            PublishAsync(a, 100),
            PublishAsync(b, 100),
            _provider.GetStream<int>(StreamId.Create("other", "a")).OnNextAsync(-1));

        await WaitUntilAsync(() => received.Count >= 200);
        Assert.Equal(Enumerable.Range(0, 100), received.Where(r => r.Stream == a).Select(r => r.Item));
        Assert.Equal(Enumerable.Range(0, 100), received.Where(r => r.Stream == b).Select(r => r.Item));
        Assert.DoesNotContain(received, r => r.Item == -1);
    }

    [Fact]
    public async Task SubscribeNamespace_AlongsideStreamSubscription_BothReceiveTheItem()
    {
        var stream = StreamId.Create("session", "both");
        var perStream = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var perNamespace = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var one = await _provider.GetStream<string>(stream).SubscribeAsync((item, _) => { perStream.TrySetResult(item); return Task.CompletedTask; });
        await using var all = await _provider.SubscribeNamespaceAsync<string>("session", (_, item, _) => { perNamespace.TrySetResult(item); return Task.CompletedTask; });

        await _provider.GetStream<string>(stream).OnNextAsync("hello");

        Assert.Equal("hello", await perStream.Task.WaitAsync(Timeout));
        Assert.Equal("hello", await perNamespace.Task.WaitAsync(Timeout));
    }

    [Fact]
    public async Task SubscribeNamespace_AfterUnsubscribe_ReceivesNothing()
    {
        var count = 0;
        var handle = await _provider.SubscribeNamespaceAsync<int>("session", (_, _, _) => { Interlocked.Increment(ref count); return Task.CompletedTask; });
        await handle.UnsubscribeAsync();

        await _provider.GetStream<int>(StreamId.Create("session", "x")).OnNextAsync(1);

        Assert.Equal(0, Volatile.Read(ref count));
    }

    [Fact]
    public async Task OnNext_ToTheWildcardKey_IsRejected() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _provider.GetStream<int>(StreamId.Create("session", StreamId.AllKeys)).OnNextAsync(1));

    private async Task PublishAsync(StreamId stream, int count)
    {
        var target = _provider.GetStream<int>(stream);
        for (var i = 0; i < count; i++) await target.OnNextAsync(i);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > Timeout) throw new TimeoutException("Timed out waiting for the items.");
            await Task.Delay(5);
        }
    }
}
