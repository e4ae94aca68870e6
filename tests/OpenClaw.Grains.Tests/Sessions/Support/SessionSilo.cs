using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Actors;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Agents.Tools;
using OpenClaw.Grains.Sessions;

namespace OpenClaw.Grains.Tests.Sessions.Support;

/// <summary>
/// An embedded silo hosting the session grains over a state directory (transcripts and sessions.json always there;
/// grain state and reminders there too when <c>durable</c>, else in memory), with a scripted model and test tools.
/// </summary>
public sealed class SessionSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;
    private bool _stopped;

    private SessionSilo(ServiceProvider services)
    {
        _services = services;
        _hosted = services.GetServices<IHostedService>().ToArray();
    }

    public IServiceProvider Services => _services;
    public IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();
    public IStreamProvider Streams => _services.GetRequiredService<IClusterClient>().GetStreamProvider("default");
    public AgentRunLimiter Limiter => _services.GetRequiredService<AgentRunLimiter>();

    public static OpenClawConfig DefaultConfig(int? maxConcurrent = null, int? contextWindow = null) => new()
    {
        Agents = new AgentsConfig
        {
            Defaults = new AgentDefaultsConfig
            {
                Model = new ModelSelectionConfig { Primary = "stub/stub-echo" },
                MaxConcurrent = maxConcurrent,
            },
        },
        Models = new ModelsConfig
        {
            Providers = new Dictionary<string, ModelProviderConfig>
            {
                ["stub"] = new() { Id = "stub", Models = [new ModelDefinitionConfig { Id = "stub-echo", ContextWindow = contextWindow }] },
            },
        },
    };

    public static async Task<SessionSilo> StartAsync(
        string stateDirectory, IModelRouter models, IToolCatalog? tools = null, OpenClawConfig? config = null, bool durable = false)
    {
        var services = new ServiceCollection();
        services.AddEmbeddedSilo(o => o.StateDirectory = durable ? stateDirectory : null);
        services.AddGrain<IChatSessionGrain, ChatSessionGrain>();
        services.AddGrain<IChatSessionRunHost, ChatSessionGrain>();
        services.AddGrain<ISessionIndexGrain, SessionIndexGrain>();
        services.AddOpenClawGrainServices(stateDirectory);
        services.AddSingleton<IOpenClawConfigSource>(new StaticConfigSource(config ?? DefaultConfig()));
        services.AddSingleton(models);
        services.AddSingleton(tools ?? new StaticToolCatalog());
        var silo = new SessionSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        foreach (var hosted in silo._hosted)
            await hosted.StartAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
        return silo;
    }

    public IChatSessionGrain Session(string key) => Grains.GetGrain<IChatSessionGrain>(key);

    /// <summary>Drops every activation without OnDeactivateAsync, as a crash would, then stops the silo's services.</summary>
    public async Task KillAsync()
    {
        _services.GetRequiredService<GrainCatalog>().KillAll();
        await StopAsync();
    }

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
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

/// <summary>A fresh state directory, deleted afterwards.</summary>
public sealed class TempStateDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"openclaw-sessions-{Guid.NewGuid():N}");

    public TempStateDirectory() => Directory.CreateDirectory(Path);

    public string TranscriptPath(string agentId, string sessionId) =>
        System.IO.Path.Combine(Path, "agents", agentId, "sessions", sessionId + ".jsonl");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing run; the OS temp cleaner removes it.
        }
    }
}
