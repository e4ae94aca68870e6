using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Actors.RabbitMq.Silo;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>One silo as its own service provider (its own connections), hosting <see cref="RemoteGrain"/>.</summary>
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

    /// <summary>Calls this silo is running or answering now.</summary>
    public int InFlightCalls => _gone ? 0 : _services.GetRequiredService<RabbitMqShardConsumer>().InFlightCount;

    public static async Task<TestSilo> StartAsync(string name, Action<RabbitMqTransportOptions> transport, Activations activations)
    {
        var services = new ServiceCollection()
            .AddSingleton(activations)
            .AddGrain<IRemoteGrain, RemoteGrain>()
            .AddEmbeddedSilo(silo => silo.SiloName = name)
            .AddRabbitMqSiloTransport(transport)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var silo = new TestSilo(name, services);
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

    /// <summary>Abrupt stop, as if the process died: connections close without draining.</summary>
    public async Task KillAsync()
    {
        if (_gone) return;
        _gone = true;
        await _services.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
