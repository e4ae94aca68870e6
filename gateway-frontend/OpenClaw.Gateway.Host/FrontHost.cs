using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Hosting.Cluster;

namespace OpenClaw.Gateway.Host;

/// <summary>
/// Builds and starts a cluster-mode front node: the gateway's WebSocket/HTTP surface (including /healthz and /readyz)
/// on the gateway port, forwarding to grains hosted by silos. It keeps per-socket state only, so any number of front
/// nodes can run behind a load balancer.
/// Agent/chat events raised on silos arrive through the RabbitMQ stream provider (registered with the cluster client).
/// </summary>
public static class FrontHost
{
    public static async Task<WebApplication> StartAsync(FrontHostOptions options, CancellationToken cancellationToken)
    {
        var getEnv = EnvironmentReader(options.Environment);
        var cluster = ClusterSettings.ForFront(getEnv);
        var home = getEnv("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var paths = OpenClawPaths.Resolve(getEnv, home);
        var stateDirectory = Path.GetFullPath(paths.StateDir);
        Directory.CreateDirectory(stateDirectory);

        var loader = new OpenClawConfigLoader(getEnv, home);
        var configSource = new OpenClawConfigSource(loader.Load(options.ConfigPath ?? paths.ConfigPath));
        var overrides = new GatewayOverrides(options.PortOverride, NonEmpty(getEnv(ClusterEnvironment.GatewayBind)), null, null);
        var settings = GatewaySettingsResolver.Resolve(configSource.Current, getEnv, overrides, stateDirectory);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // An ephemeral port is only meaningful on one address: each Listen(…, 0) would get a different port.
            var addresses = settings.Port == 0 ? [IPAddress.Loopback] : settings.ListenAddresses;
            foreach (var address in addresses) kestrel.Listen(address, settings.Port, listen => listen.UseOpenClawWebSockets());
            kestrel.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging) builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.AddSingleton<IOpenClawConfigSource>(configSource);
        builder.Services.AddSingleton(sp => new ConfigWatcher(loader, configSource, sp.GetRequiredService<ILogger<ConfigWatcher>>()));
        options.AddClusterClient(builder.Services, cluster);
        builder.Services.AddOpenClawGateway(settings);
        builder.Services.AddFoundationMethods();
        builder.Services.AddOpenClawHttpApi();
        builder.Services.AddSessionMethods();
        builder.Services.AddRabbitMqClusterStatus(cluster.NodeName).AddDashboard();
        builder.Services.AddClusterDeadLetterMethods(); // cluster mode only: the silos host the dead-letter admin grain

        var app = builder.Build();
        app.Services.GetRequiredService<ConfigWatcher>(); // starts hot reload; disposed with the host
        app.MapOpenClawGateway();
        app.MapStatusEndpoint();
        app.MapOpenClawHttpApi();
        app.MapDashboard();
        await app.StartAsync(cancellationToken);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenClaw.Gateway.Host");
        FrontHostLog.Listening(logger, cluster.NodeName, GetBaseAddress(app).ToString(), settings.AuthMode, configSource.Current.Path);
        foreach (var warning in configSource.Current.Warnings) FrontHostLog.ConfigWarning(logger, warning.Path, warning.Message);
        if (settings.GeneratedTokenPath is { } tokenPath) FrontHostLog.GeneratedToken(logger, tokenPath);
        return app;
    }

    /// <summary>The first address Kestrel listens on, e.g. <c>http://127.0.0.1:18789</c>.</summary>
    public static Uri GetBaseAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server exposes no addresses.");
        return new Uri(addresses.First());
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Func<string, string?> EnvironmentReader(IReadOnlyDictionary<string, string?>? environment) =>
        environment is null ? Environment.GetEnvironmentVariable : name => environment.GetValueOrDefault(name);
}
