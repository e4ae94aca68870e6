using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Calls;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>A front node: a service provider with only the RabbitMQ cluster client (no grain classes, no silo).</summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestClient(ServiceProvider services) => _services = services;

    public IClusterClient Cluster => _services.GetRequiredService<IClusterClient>();

    public static TestClient Create(Action<RabbitMqTransportOptions> transport, TimeSpan? responseTimeout = null)
    {
        var services = new ServiceCollection().AddRabbitMqClusterClient(transport);
        if (responseTimeout is { } timeout) services.Configure<GrainCallOptions>(o => o.ResponseTimeout = timeout);
        return new TestClient(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
