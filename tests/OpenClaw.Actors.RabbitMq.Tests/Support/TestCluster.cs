using OpenClaw.Actors.RabbitMq.Tests.TestGrains;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Actors.Runtime.Storage;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>
/// Silos and clients of one test on a broker (the shared one unless given another), isolated by a queue prefix of their
/// own. The silos share one in-memory grain storage, as cluster silos share Azure Blob storage, so a grain that moves
/// keeps its state, and one reminder table, as cluster silos share the per-shard reminder blobs. Disposing stops every silo and client (the first failure is kept) and deletes the test's queues.
/// </summary>
public sealed class TestCluster(ITestBroker broker, int shardCount = 8) : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];
    private readonly List<TestClient> _clients = [];

    public string Prefix { get; } = RabbitMqBroker.NewPrefix();
    public int ShardCount { get; } = shardCount;
    public Activations Activations { get; } = new();
    public CallLedger Ledger { get; } = new();
    public MemoryGrainStorage Storage { get; } = new();
    public MemoryReminderTable Reminders { get; } = new();
    public JobLedger Jobs { get; } = new();
    public TestLog Log { get; } = new();

    /// <summary>The silos' grain-to-grain call timeout (default: the runtime's 30 s).</summary>
    public TimeSpan? ResponseTimeout { get; set; }
    public int MaxShardQueueLength { get; set; } = new RabbitMqTransportOptions().MaxShardQueueLength;
    public int DeliveryLimit { get; set; } = new RabbitMqTransportOptions().DeliveryLimit;

    /// <summary>Off by default: most tests place shards by hand (the first silo owns all, hand-offs by ReleaseShardAsync).</summary>
    public bool Rebalance { get; set; }

    public int ClientChannelCount { get; set; } = new RabbitMqTransportOptions().ClientChannelCount;

    public void Transport(RabbitMqTransportOptions options)
    {
        options.Uri = broker.Uri;
        options.QueuePrefix = Prefix;
        options.ShardCount = ShardCount;
        options.RequestedHeartbeat = TimeSpan.FromSeconds(5);
        options.OwnershipProbeInterval = TimeSpan.FromSeconds(1);
        options.MaxShardQueueLength = MaxShardQueueLength;
        options.DeliveryLimit = DeliveryLimit;
        options.Rebalance = Rebalance;
        options.RebalanceInterval = TimeSpan.FromMilliseconds(250);
        options.HandOffPause = TimeSpan.FromMilliseconds(50);
        options.ClientChannelCount = ClientChannelCount;
    }

    public async Task<TestSilo> StartSiloAsync(string name)
    {
        var silo = await TestSilo.StartAsync(name, Transport, this);
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
