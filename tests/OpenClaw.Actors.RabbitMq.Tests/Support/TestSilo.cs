using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.RabbitMq.Silo;
using OpenClaw.Actors.RabbitMq.Silo.DeadLetters;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Actors.Runtime.Storage;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>
/// One silo as its own service provider (its own connections), hosting <see cref="RemoteGrain"/>,
/// <see cref="CountingGrain"/>, <see cref="JobGrain"/> and <see cref="JobIndexGrain"/>, with the cluster's shared grain
/// storage and reminder table, logging into the cluster's <see cref="TestLog"/>.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;
    private bool _gone;

    private TestSilo(string name, ServiceProvider services)
    {
        Name = name;
        _services = services;
        _hosted = services.GetServices<IHostedService>().ToArray();
    }

    public string Name { get; }

    public RabbitMqShardOwnership Ownership => _services.GetRequiredService<RabbitMqShardOwnership>();

    public IGrainFactory GrainFactory => _services.GetRequiredService<IGrainFactory>();

    public RabbitMqShardConsumer Consumer => _services.GetRequiredService<RabbitMqShardConsumer>();

    public IDeadLetters DeadLetters => _services.GetRequiredService<IDeadLetters>();

    /// <summary>Calls this silo is running or answering now.</summary>
    public int InFlightCalls => _gone ? 0 : _services.GetRequiredService<RabbitMqShardConsumer>().InFlightCount;

    public static async Task<TestSilo> StartAsync(string name, Action<RabbitMqTransportOptions> transport, TestCluster cluster)
    {
        var services = new ServiceCollection()
            .AddSingleton(cluster.Activations)
            .AddSingleton(cluster.Ledger)
            .AddSingleton(cluster.Jobs)
            .AddSingleton<IReminderTable>(cluster.Reminders)
            .AddGrain<IRemoteGrain, RemoteGrain>()
            .AddGrain<ICountingGrain, CountingGrain>()
            .AddGrain<IJobGrain, JobGrain>()
            .AddGrain<IJobIndexGrain, JobIndexGrain>()
            .AddEmbeddedSilo(silo => silo.SiloName = name)
            .AddRabbitMqSiloTransport(transport);
        services.AddLogging(logging => logging.AddProvider(cluster.Log.ProviderFor(name)));
        if (cluster.ResponseTimeout is { } timeout) services.Configure<GrainCallOptions>(o => o.ResponseTimeout = timeout);
        // After AddEmbeddedSilo, whose own in-memory storage this replaces (the last keyed registration wins).
        services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, cluster.Storage);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var silo = new TestSilo(name, provider);
        try
        {
            foreach (var hosted in silo._hosted) await hosted.StartAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
        }
        catch
        {
            await silo.KillAsync();
            throw;
        }

        return silo;
    }

    /// <summary>Hands <paramref name="shard"/> to the next waiting silo.</summary>
    public Task<bool> ReleaseShardAsync(int shard) =>
        _services.GetRequiredService<RabbitMqShardConsumer>().ReleaseShardAsync(shard, CancellationToken.None).WaitAsync(Wait.Timeout);

    /// <summary>Graceful stop: the silo drains, deactivates its grains and hands its shards back; then its services are disposed.</summary>
    public async Task StopAsync()
    {
        if (_gone) return;
        _gone = true;
        try
        {
            using var timeout = new CancellationTokenSource(Wait.Timeout);
            foreach (var hosted in _hosted.Reverse()) await hosted.StopAsync(timeout.Token);
        }
        finally
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>
    /// Abrupt stop, as if the process died: the shard consumer's connection is aborted first (no hand-off, no more
    /// acks, running turns cancelled), then everything else is disposed.
    /// </summary>
    public async Task KillAsync()
    {
        if (_gone) return;
        _gone = true;
        await Consumer.DisposeAsync();
        await _services.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
