using OpenClaw.Actors.RabbitMq.Tests.Streams.Support;
using OpenClaw.Actors.RabbitMq.Tests.Support;

namespace OpenClaw.Actors.RabbitMq.Tests.Streams;

/// <summary>
/// Items published on one node reach subscriptions on other nodes through the broker: in publish order per stream, only
/// to the subscriptions whose stream or namespace they belong to, whatever characters the keys hold.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqStreamDeliveryTests(RabbitMqBroker broker)
{
    private static readonly StreamSubscriptionOptions Lossless = new() { Capacity = 4096, OverflowPolicy = StreamOverflowPolicy.Wait };

    [Fact]
    public async Task NamespaceSubscriber_OtherNode_GetsThousandItemsInOrder()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b");
        var received = new Received<(StreamId Id, int Value)>();
        await using var subscription = await subscriber.SubscribeNamespaceAsync<int>("session",
            (id, value, _) => { received.Add((id, value)); return Task.CompletedTask; }, Lossless);

        var stream = publisher.GetStream<int>(StreamId.Create("session", "agent:main:main"));
        for (var i = 0; i < 1000; i++) await stream.OnNextAsync(i).WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => received.Count >= 1000, "the subscriber has 1000 items");
        Assert.Equal(Enumerable.Range(0, 1000), received.Items.Select(item => item.Value));
        Assert.All(received.Items, item => Assert.Equal(StreamId.Create("session", "agent:main:main"), item.Id));
        Assert.Equal(0, subscription.DroppedCount);
    }

    [Fact]
    public async Task Publish_WithoutAwaitingEachItem_KeepsOrderPerStreamAcrossStreams()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b");
        var received = new Received<(StreamId Id, int Value)>();
        await using var subscription = await subscriber.SubscribeNamespaceAsync<int>("session",
            (id, value, _) => { received.Add((id, value)); return Task.CompletedTask; }, Lossless);

        var streams = Enumerable.Range(0, 8).Select(i => publisher.GetStream<int>(StreamId.Create("session", $"s{i}"))).ToArray();
        var publishes = new List<Task>();
        for (var i = 0; i < 500; i++)
            foreach (var stream in streams) publishes.Add(stream.OnNextAsync(i));
        await Task.WhenAll(publishes).WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => received.Count >= 4000, "the subscriber has 4000 items");
        foreach (var stream in streams)
            Assert.Equal(Enumerable.Range(0, 500), received.Items.Where(item => item.Id == stream.StreamId).Select(item => item.Value));
    }

    [Fact]
    public async Task StreamSubscription_OtherKeysPublished_GetsOnlyItsOwnKey()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b");
        var mine = StreamId.Create("session", Wait.NewKey());
        var received = new Received<string>();
        await using var subscription = await subscriber.GetStream<string>(mine).SubscribeAsync(received.Handler);

        await publisher.GetStream<string>(StreamId.Create("session", Wait.NewKey())).OnNextAsync("other").WaitAsync(Wait.Timeout);
        await publisher.GetStream<string>(StreamId.Create("cron", mine.Key)).OnNextAsync("other namespace").WaitAsync(Wait.Timeout);
        await publisher.GetStream<string>(mine).OnNextAsync("mine").WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => received.Count >= 1, "the subscriber has its item");
        // Items are ordered per stream only, so publish one more of each kind after "mine" and wait for its successor.
        await publisher.GetStream<string>(StreamId.Create("session", Wait.NewKey())).OnNextAsync("other again").WaitAsync(Wait.Timeout);
        await publisher.GetStream<string>(mine).OnNextAsync("mine again").WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => received.Count >= 2, "the subscriber has its second item");
        Assert.Equal(["mine", "mine again"], received.Items);
    }

    [Theory]
    [InlineData("agent:main:main")]
    [InlineData("a.b.c")]
    [InlineData("x.*")]
    [InlineData("#")]
    [InlineData("*.#.*")]
    [InlineData("with space and ünïcödé")]
    public async Task KeysWithDotsAndWildcards_AreDeliveredOnlyToTheirStream(string key)
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b");
        var received = new Received<string>();
        await using var subscription = await subscriber.GetStream<string>(StreamId.Create("session", key)).SubscribeAsync(received.Handler);

        // Neighbours a wildcard would match if the key reached the broker as it is.
        foreach (var neighbour in new[] { "x.y", "a.b", "a", "x", $"{key}.tail", $"head.{key}" })
            await publisher.GetStream<string>(StreamId.Create("session", neighbour)).OnNextAsync($"neighbour {neighbour}").WaitAsync(Wait.Timeout);
        await publisher.GetStream<string>(StreamId.Create("session", key)).OnNextAsync("mine").WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => received.Count >= 1, "the subscriber has its item");
        await publisher.GetStream<string>(StreamId.Create("session", key)).OnNextAsync("end").WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => received.Items.Contains("end"), "the subscriber has the end marker");
        Assert.Equal(["mine", "end"], received.Items);
    }

    [Fact]
    public async Task NamespaceWithDots_IsNotConfusedWithItsPrefix()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b");
        var received = new Received<string>();
        await using var subscription = await subscriber.SubscribeNamespaceAsync<string>("events.session", (_, item, _) => received.Handler(item, default));

        await publisher.GetStream<string>(StreamId.Create("events", "session")).OnNextAsync("wrong namespace").WaitAsync(Wait.Timeout);
        await publisher.GetStream<string>(StreamId.Create("events.session.x", "k")).OnNextAsync("longer namespace").WaitAsync(Wait.Timeout);
        await publisher.GetStream<string>(StreamId.Create("events.session", "k")).OnNextAsync("mine").WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => received.Count >= 1, "the subscriber has its item");
        await publisher.GetStream<string>(StreamId.Create("events.session", "k")).OnNextAsync("end").WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => received.Count >= 2, "the subscriber has the end marker");
        Assert.Equal(["mine", "end"], received.Items);
    }

    [Fact]
    public async Task LargePayload_ArrivesIntact()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b");
        var id = StreamId.Create("session", Wait.NewKey());
        var received = new Received<TestDelta>();
        await using var subscription = await subscriber.GetStream<TestDelta>(id).SubscribeAsync(received.Handler);
        var text = string.Create(2 * 1024 * 1024, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = (char)('a' + i % 26);
        });

        await publisher.GetStream<TestDelta>(id).OnNextAsync(new TestDelta(1, text)).WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => received.Count >= 1, "the large item arrived");
        Assert.Equal(text, received.Items[0].Text);
    }

    [Fact]
    public async Task DerivedItems_BaseSubscriberGetsEveryKind_DerivedSubscriberOnlyItsOwn()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("a");
        var subscriber = await nodes.StartAsync("b");
        var id = StreamId.Create("session", Wait.NewKey());
        var all = new Received<TestEvent>();
        var finals = new Received<TestFinal>();
        await using var allSubscription = await subscriber.GetStream<TestEvent>(id).SubscribeAsync(all.Handler);
        await using var finalSubscription = await subscriber.SubscribeNamespaceAsync<TestFinal>("session", (_, item, _) => finals.Handler(item, default));

        var stream = publisher.GetStream<TestEvent>(id);
        await stream.OnNextAsync(new TestDelta(1, "he")).WaitAsync(Wait.Timeout);
        await stream.OnNextAsync(new TestDelta(2, "llo")).WaitAsync(Wait.Timeout);
        await stream.OnNextAsync(new TestFinal(3, "hello")).WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => all.Count >= 3 && finals.Count >= 1, "both subscribers have their items");
        Assert.Equal<TestEvent>([new TestDelta(1, "he"), new TestDelta(2, "llo"), new TestFinal(3, "hello")], all.Items);
        Assert.Equal([new TestFinal(3, "hello")], finals.Items);
    }

    [Fact]
    public async Task SameNode_PublishesAndSubscribes_GetsItsOwnItems()
    {
        await using var nodes = new StreamNodes(broker);
        var node = await nodes.StartAsync("embedded-like");
        var id = StreamId.Create("session", Wait.NewKey());
        var received = new Received<int>();
        await using var subscription = await node.GetStream<int>(id).SubscribeAsync(received.Handler);

        for (var i = 0; i < 10; i++) await node.GetStream<int>(id).OnNextAsync(i).WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => received.Count >= 10, "the node has its own 10 items");
        Assert.Equal(Enumerable.Range(0, 10), received.Items);
    }

    [Fact]
    public async Task TwoSubscriberNodes_BothGetEveryItem()
    {
        await using var nodes = new StreamNodes(broker);
        var publisher = await nodes.StartAsync("silo");
        var frontA = await nodes.StartAsync("front-a");
        var frontB = await nodes.StartAsync("front-b");
        var receivedA = new Received<int>();
        var receivedB = new Received<int>();
        await using var a = await frontA.SubscribeNamespaceAsync<int>("session", (_, item, _) => receivedA.Handler(item, default), Lossless);
        await using var b = await frontB.SubscribeNamespaceAsync<int>("session", (_, item, _) => receivedB.Handler(item, default), Lossless);

        var stream = publisher.GetStream<int>(StreamId.Create("session", Wait.NewKey()));
        for (var i = 0; i < 100; i++) await stream.OnNextAsync(i).WaitAsync(Wait.Timeout);

        await Wait.UntilAsync(() => receivedA.Count >= 100 && receivedB.Count >= 100, "both front nodes have 100 items");
        Assert.Equal(Enumerable.Range(0, 100), receivedA.Items);
        Assert.Equal(Enumerable.Range(0, 100), receivedB.Items);
    }
}
