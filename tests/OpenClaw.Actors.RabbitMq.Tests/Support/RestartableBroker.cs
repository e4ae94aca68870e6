using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>
/// A broker of the tests' own that they may stop and restart: the <c>restart</c> instance of
/// <c>scripts/servers/rabbitmq.sh</c> (node rabbit-restart@localhost, 127.0.0.1:5673, its own data directory), never the
/// shared broker on 5672. Started when nothing listens on its port, and then stopped again at the end.
/// </summary>
public sealed class RestartableBroker : IAsyncLifetime, ITestBroker
{
    public const int Port = 5673;
    private static readonly Dictionary<string, string> Instance = new()
    {
        ["OPENCLAW_RABBITMQ_INSTANCE"] = "restart",
        ["OPENCLAW_RABBITMQ_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private bool _startedHere;

    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public async Task InitializeAsync()
    {
        if (await RabbitMqBroker.IsListeningAsync(Port)) return;
        await RunAsync("start");
        _startedHere = true;
    }

    /// <summary>Stops the node and starts it again with its data (durable queues and their messages survive).</summary>
    public Task RestartAsync() => RunAsync("restart");

    public async Task<IConnection> ConnectAsync() =>
        await new ConnectionFactory { Uri = new System.Uri(Uri), ClientProvidedName = "openclaw-tests-restart" }
            .CreateConnectionAsync(CancellationToken.None).WaitAsync(Wait.Timeout);

    public async Task DeleteTopologyAsync(string prefix, int shardCount)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        for (var shard = 0; shard < shardCount; shard++) await channel.QueueDeleteAsync($"{prefix}.shard.{shard}");
        await channel.QueueDeleteAsync($"{prefix}.dead");
        await channel.QueueDeleteAsync($"{prefix}.members");
        await channel.ExchangeDeleteAsync($"{prefix}.dlx");
    }

    public async Task DisposeAsync()
    {
        if (_startedHere) await RunAsync("stop");
    }

    private static async Task RunAsync(string command)
    {
        var (exitCode, output) = await RabbitMqBroker.RunScriptAsync(command, Instance);
        if (exitCode != 0)
            throw new InvalidOperationException($"`OPENCLAW_RABBITMQ_INSTANCE=restart scripts/servers/rabbitmq.sh {command}` failed (exit {exitCode}):\n{output}");
    }
}

[CollectionDefinition(Name)]
public sealed class RestartableBrokerCollection : ICollectionFixture<RestartableBroker>
{
    public const string Name = "rabbitmq-restart";
}
