using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OpenClaw.Actors.Tests.Support;

/// <summary>An embedded silo (memory storage) built and started the way a host does it, stopped gracefully on dispose.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private TestSilo(ServiceProvider services)
    {
        _services = services;
        _hosted = services.GetServices<IHostedService>().ToArray();
    }

    public IServiceProvider Services => _services;
    public IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();

    public static async Task<TestSilo> StartAsync(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddEmbeddedSilo();
        configure(services);
        var silo = new TestSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        foreach (var hosted in silo._hosted)
            await hosted.StartAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
        return silo;
    }

    public async Task StopAsync()
    {
        foreach (var hosted in _hosted.Reverse())
            await hosted.StopAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await _services.DisposeAsync();
        }
    }
}
