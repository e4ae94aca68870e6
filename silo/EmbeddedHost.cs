using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Logging;
using OpenClaw.Grains;

namespace OpenClaw.Silo;

/// <summary>
/// Builds and starts the embedded gateway: configuration, the actor runtime with file state, the OpenClaw grains and
/// the front tier on one Kestrel port. Program.cs and the tests start it the same way.
/// </summary>
public static class EmbeddedHost
{
    public static async Task<WebApplication> StartAsync(EmbeddedHostOptions options, CancellationToken cancellationToken)
    {
        var getEnv = EnvironmentReader(options.Environment);
        var paths = OpenClawPaths.Resolve(getEnv, HomeDirectory(getEnv));
        var stateDirectory = Path.GetFullPath(options.StateDirectory ?? paths.StateDir);
        var configPath = options.ConfigPath
            ?? (options.StateDirectory is not null && getEnv("OPENCLAW_CONFIG_PATH") is null
                ? Path.Combine(stateDirectory, "openclaw.json")
                : paths.ConfigPath);
        Directory.CreateDirectory(stateDirectory);

        var loader = new OpenClawConfigLoader(getEnv, HomeDirectory(getEnv));
        var configSource = new OpenClawConfigSource(loader.Load(configPath));
        var settings = GatewaySettingsResolver.Resolve(configSource.Current, getEnv, options.Overrides, stateDirectory);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureKestrel(builder, settings);
        ConfigureLogging(builder, options, configSource.Current, stateDirectory);

        builder.Services.AddSingleton<IOpenClawConfigSource>(configSource);
        builder.Services.AddSingleton(sp => new ConfigWatcher(loader, configSource, sp.GetRequiredService<ILogger<ConfigWatcher>>()));
        builder.Services.AddEmbeddedSilo(silo => silo.StateDirectory = stateDirectory);
        builder.Services.AddGrainsFromAssembly(OpenClawGrainsAssembly.Assembly);
        builder.Services.AddOpenClawGrainServices(stateDirectory);
        builder.Services.AddFileGrainStorageDurability(getEnv("OPENCLAW_FSYNC")).AddTranscriptDurability(getEnv("OPENCLAW_FSYNC"));
        builder.Services.AddOpenClawModels();
        builder.Services.AddOpenClawTools();
        builder.Services.AddOpenClawAgentWorkspace(HomeDirectory(getEnv));
        builder.Services.AddOpenClawGateway(settings);
        builder.Services.AddFoundationMethods();
        builder.Services.AddOpenClawHttpApi();
        builder.Services.AddSessionMethods();
        builder.Services.AddEmbeddedClusterStatus().AddDashboard();
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.Services.GetRequiredService<ConfigWatcher>(); // starts hot reload; disposed with the host
        app.MapOpenClawGateway();
        app.MapStatusEndpoint();
        app.MapOpenClawHttpApi();
        app.MapDashboard();
        await app.StartAsync(cancellationToken);
        LogStartup(app, settings, configSource.Current);
        return app;
    }

    /// <summary>The first address Kestrel listens on, e.g. <c>http://127.0.0.1:18789</c>.</summary>
    public static Uri GetBaseAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server exposes no addresses.");
        return new Uri(addresses.First());
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, GatewaySettings settings)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // An ephemeral port is only meaningful on one address: each Listen(…, 0) would get a different port.
            var addresses = settings.Port == 0 ? [IPAddress.Loopback] : settings.ListenAddresses;
            foreach (var address in addresses) kestrel.Listen(address, settings.Port, listen => listen.UseOpenClawWebSockets());
            kestrel.AddServerHeader = false;
        });
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, EmbeddedHostOptions options, ConfigSnapshot config, string stateDirectory)
    {
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging) builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        var logFile = GatewayLogPaths.Resolve(config.Config.Logging, stateDirectory);
        var level = OpenClawLogLevels.FromConfig(config.Config.Logging.Level);
        builder.Logging.SetMinimumLevel(level);
        // Kestrel and hosting log every request at Information; the gateway logs connections itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddOpenClawFileLogging(logFile, level);
    }

    private static void LogStartup(WebApplication app, GatewaySettings settings, ConfigSnapshot config)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenClaw.Silo");
        SiloLog.Listening(logger, GetBaseAddress(app).ToString(), settings.AuthMode, config.Path);
        foreach (var warning in config.Warnings) SiloLog.ConfigWarning(logger, warning.Path, warning.Message);
        if (settings.GeneratedTokenPath is { } tokenPath) SiloLog.GeneratedToken(logger, tokenPath);
    }

    private static Func<string, string?> EnvironmentReader(IReadOnlyDictionary<string, string?>? environment) =>
        environment is null ? Environment.GetEnvironmentVariable : name => environment.GetValueOrDefault(name);

    private static string HomeDirectory(Func<string, string?> getEnv) =>
        getEnv("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
