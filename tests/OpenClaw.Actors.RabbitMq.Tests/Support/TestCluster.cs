using OpenClaw.Actors.RabbitMq.Tests.TestGrains;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>
/// Silos and clients of one test on the shared broker, isolated by a queue prefix of their own. Disposing stops every
/// silo and client (the first failure is kept) and deletes the test's queues.
/// </summary>
public sealed class TestCluster(RabbitMqBroker broker, int shardCount = 8) : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];
    private readonly List<TestClient> _clients = [];

    public string Prefix { get; } = RabbitMqBroker.NewPrefix();
    public int ShardCount { get; } = shardCount;
    public Activations Activations { get; } = new();
    public int MaxShardQueueLength { get; set; } = new RabbitMqTransportOptions().MaxShardQueueLength;
    public int DeliveryLimit { get; set; } = new RabbitMqTransportOptions().DeliveryLimit;

    public void Transport(RabbitMqTransportOptions options)
    {
        options.Uri = RabbitMqBroker.Uri;
        options.QueuePrefix = Prefix;
        options.ShardCount = ShardCount;
        options.RequestedHeartbeat = TimeSpan.FromSeconds(5);
        options.OwnershipProbeInterval = TimeSpan.FromSeconds(1);
        options.MaxShardQueueLength = MaxShardQueueLength;
        options.DeliveryLimit = DeliveryLimit;
    }

    public async Task<TestSilo> StartSiloAsync(string name)
    {
        var silo = await TestSilo.StartAsync(name, Transport, Activations);
        _silos.Add(silo);
        return silo;
    }

    public TestClient CreateClient(TimeSpan? responseTimeout = null)
    {
        var client = TestClient.Create(Transport, responseTimeout);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Exception? first = null;
        foreach (var disposable in _clients.Cast<IAsyncDisposable>().Concat(_silos))
        {
            try
            {
                await disposable.DisposeAsync();
            }
            catch (Exception exception)
            {
                first ??= exception;
            }
        }

        await broker.DeleteTopologyAsync(Prefix, ShardCount);
        if (first is not null) throw first;
    }
}
