using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Silo;

namespace OpenClaw.Gateway.Tests.Infrastructure;

/// <summary>
/// A real embedded gateway (grains + front tier) on Kestrel at 127.0.0.1:0, with its own temporary state directory.
/// Tests that need special settings (auth mode, small buffers, short timers) start their own.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    private readonly string _stateDirectory;

    private TestGateway(WebApplication app, string stateDirectory)
    {
        App = app;
        _stateDirectory = stateDirectory;
        BaseAddress = EmbeddedHost.GetBaseAddress(app);
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => App.Services;

    /// <param name="configJson">Contents of openclaw.json, or null for none.</param>
    /// <param name="overrides">Flags; the default is token auth with <see cref="GatewayTestClient.DefaultToken"/>.</param>
    public static async Task<TestGateway> StartAsync(
        Action<IServiceCollection>? configureServices = null,
        Action<GatewayOptions>? configureOptions = null,
        string? configJson = null,
        GatewayOverrides? overrides = null)
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), $"openclaw-gw-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(stateDirectory);
        if (configJson is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(stateDirectory, "openclaw.json"), configJson);
        }

        var options = new EmbeddedHostOptions
        {
            StateDirectory = stateDirectory,
            Environment = new Dictionary<string, string?> { ["HOME"] = stateDirectory },
            Overrides = overrides ?? new GatewayOverrides(Port: 0, Token: GatewayTestClient.DefaultToken),
            ConsoleLogging = false,
            ConfigureServices = services =>
            {
                services.AddRpcMethodGroup<TestMethods>();
                if (configureOptions is not null)
                {
                    services.Configure(configureOptions);
                }

                configureServices?.Invoke(services);
            },
        };

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var app = await EmbeddedHost.StartAsync(options, timeout.Token);
        return new TestGateway(app, stateDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await App.DisposeAsync();
            try
            {
                Directory.Delete(_stateDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file logger may still hold a handle for a moment; the temp directory is reclaimed by the OS.
            }
        }
    }
}
