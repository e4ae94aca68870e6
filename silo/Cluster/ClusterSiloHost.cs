using System.Net;
using OpenClaw.Actors.Runtime.Storage;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Logging;
using OpenClaw.Grains;
using OpenClaw.Grains.Storage;
using OpenClaw.Hosting.Cluster;

namespace OpenClaw.Silo.Cluster;

/// <summary>
/// Builds and starts a cluster-mode silo: the OpenClaw grains on the actor runtime, calls from RabbitMQ shard queues
/// (<c>AddRabbitMqSiloTransport</c>), grain state in Azure Blob Storage, and a loopback HTTP server for /healthz and
/// /readyz only. No front tier: OpenClaw.Gateway.Host serves clients.
/// Reminders (one blob per shard, fired by the shard's owner) and transcripts (append blobs) are in Azure Blob too
/// (<c>AddClusterBlobServices</c>, silo/Cluster/Storage). Streams (agent/chat events) go through RabbitMQ to every front
/// node whose clients subscribed (<c>AddRabbitMqStreams</c>).
/// </summary>
public static class ClusterSiloHost
{
    public const string GrainContainer = "openclaw-grains";
    public const string LayoutContainer = "openclaw-layout";

    public static async Task<WebApplication> StartAsync(ClusterSiloOptions options, CancellationToken cancellationToken)
    {
        var getEnv = EnvironmentReader(options.Environment);
        var cluster = ClusterSettings.ForSilo(getEnv);
        var home = HomeDirectory(getEnv);
        var paths = OpenClawPaths.Resolve(getEnv, home);
        var stateDirectory = Path.GetFullPath(paths.StateDir);
        Directory.CreateDirectory(stateDirectory);

        var loader = new OpenClawConfigLoader(getEnv, home);
        var configSource = new OpenClawConfigSource(loader.Load(options.ConfigPath ?? paths.ConfigPath));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        var healthPort = options.HealthPortOverride ?? cluster.HealthPort;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, healthPort);
            kestrel.AddServerHeader = false;
        });
        ConfigureLogging(builder, options, configSource.Current);

        builder.Services.AddSingleton<IOpenClawConfigSource>(configSource);
        builder.Services.AddSingleton(sp => new ConfigWatcher(loader, configSource, sp.GetRequiredService<ILogger<ConfigWatcher>>()));
        // No state directory: the runtime's file storage and reminder table are embedded-only; Azure Blob replaces the
        // default storage below (the last keyed registration wins).
        builder.Services.AddEmbeddedSilo(silo => silo.SiloName = cluster.NodeName);
        builder.Services.AddRabbitMqSiloTransport(rabbit =>
        {
            rabbit.Uri = cluster.RabbitMqUri;
            if (cluster.ShardCount is { } shards) rabbit.ShardCount = shards;
            if (cluster.ClusterId is { } clusterId) rabbit.QueuePrefix = clusterId;
        });
        builder.Services.AddRabbitMqSiloStatus();
        builder.Services.AddRabbitMqStreams(streams => streams.NodeName = cluster.NodeName); // session events to every front node
        AddBlobStorage(builder.Services, GrainStorageNames.Default, GrainContainer, cluster);
        AddBlobStorage(builder.Services, OpenClawStorageNames.Layout, LayoutContainer, cluster);
        builder.Services.AddGrainsFromAssembly(OpenClawGrainsAssembly.Assembly);
        builder.Services.AddOpenClawGrainServices(stateDirectory, useLayoutFiles: false);
        builder.Services.AddClusterBlobServices(cluster);
        builder.Services.AddOpenClawModels();
        builder.Services.AddOpenClawTools();
        builder.Services.AddOpenClawAgentWorkspace(home);

        var app = builder.Build();
        app.Services.GetRequiredService<ConfigWatcher>(); // starts hot reload; disposed with the host
        app.MapClusterHealth();
        await app.StartAsync(cancellationToken);
        LogStartup(app, cluster, configSource.Current);
        return app;
    }

    private static void AddBlobStorage(IServiceCollection services, string name, string container, ClusterSettings cluster) =>
        services.AddAzureBlobGrainStorage(name, blob =>
        {
            blob.ConnectionString = cluster.BlobConnectionString!;
            blob.ContainerName = container;
            blob.ClusterId = Storage.ClusterBlobLayout.ClusterIdInBlobNames(cluster); // clusters sharing an account never see each other's state
        });

    private static void ConfigureLogging(WebApplicationBuilder builder, ClusterSiloOptions options, ConfigSnapshot config)
    {
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging) builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(OpenClawLogLevels.FromConfig(config.Config.Logging.Level));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    }

    private static void LogStartup(WebApplication app, ClusterSettings cluster, ConfigSnapshot config)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenClaw.Silo.Cluster");
        ClusterSiloLog.Started(logger, cluster.NodeName, EmbeddedHost.GetBaseAddress(app).ToString(), config.Path);
        foreach (var warning in config.Warnings) ClusterSiloLog.ConfigWarning(logger, warning.Path, warning.Message);
    }

    private static Func<string, string?> EnvironmentReader(IReadOnlyDictionary<string, string?>? environment) =>
        environment is null ? Environment.GetEnvironmentVariable : name => environment.GetValueOrDefault(name);

    private static string HomeDirectory(Func<string, string?> getEnv) =>
        getEnv("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
