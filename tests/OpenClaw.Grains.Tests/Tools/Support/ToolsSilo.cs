using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Sessions;
using OpenClaw.Grains.Storage;

namespace OpenClaw.Grains.Tests.Tools.Support;

/// <summary>
/// An embedded silo (memory storage) with the real session index grain and <see cref="RecordingChatSessionGrain"/>,
/// shared by the sessions_* tool tests, which isolate themselves by agent id.
/// </summary>
public sealed class ToolsSilo : IAsyncLifetime
{
    private ServiceProvider? _services;
    private IHostedService[] _hosted = [];

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();
    public ChatSessionRecorder Recorder => Services.GetRequiredService<ChatSessionRecorder>();
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddEmbeddedSilo();
        // Only what the session index needs: the full grain services also want a model router, which these tests do not.
        services.AddSingleton<ISessionStorePaths>(new OpenClawStatePaths(Path.Combine(Path.GetTempPath(), $"oc-tools-state-{Guid.NewGuid():N}")));
        services.AddMemoryGrainStorage(OpenClawStorageNames.Layout);
        services.AddGrain<ISessionIndexGrain, SessionIndexGrain>();
        services.AddGrain<IChatSessionGrain, RecordingChatSessionGrain>();
        services.AddSingleton<ChatSessionRecorder>();
        services.AddSingleton<IOpenClawConfigSource>(TestConfig.Source());
        services.AddOpenClawTools();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _hosted = [.. _services.GetServices<IHostedService>()];
        foreach (var hosted in _hosted)
            await hosted.StartAsync(CancellationToken.None).WaitAsync(ToolTestTimeouts.Default);
    }

    public async Task DisposeAsync()
    {
        if (_services is null) return;
        try
        {
            foreach (var hosted in _hosted.Reverse())
                await hosted.StopAsync(CancellationToken.None).WaitAsync(ToolTestTimeouts.Default);
        }
        finally
        {
            await _services.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ToolsSiloCollection : ICollectionFixture<ToolsSilo>
{
    public const string Name = "tools-silo";
}
