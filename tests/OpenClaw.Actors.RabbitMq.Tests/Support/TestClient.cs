using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.RabbitMq.Client;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>A front node: a service provider with only the RabbitMQ cluster client (no grain classes, no silo).</summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestClient(ServiceProvider services) => _services = services;

    public IClusterClient Cluster => _services.GetRequiredService<IClusterClient>();

    /// <summary>Connects and declares the topology now rather than on the first call.</summary>
    public Task ConnectAsync() => _services.GetRequiredService<RabbitMqGrainCallInvoker>().ConnectAsync(CancellationToken.None).WaitAsync(Wait.Timeout);

    public static TestClient Create(Action<RabbitMqTransportOptions> transport, TimeSpan? responseTimeout = null)
    {
        var services = new ServiceCollection().AddRabbitMqClusterClient(transport);
        if (responseTimeout is { } timeout) services.Configure<GrainCallOptions>(o => o.ResponseTimeout = timeout);
        return new TestClient(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
