using OpenClaw.Gateway.Hosting;

namespace OpenClaw.Silo;

/// <summary>
/// How to start the embedded gateway: grains and front tier in one process, state in files under
/// <see cref="StateDirectory"/> (null: resolved from OPENCLAW_STATE_DIR or ~/.openclaw).
/// </summary>
public sealed record EmbeddedHostOptions
{
    public string? StateDirectory { get; init; }
    public string? ConfigPath { get; init; }

    /// <summary>The environment the host reads (OPENCLAW_*); tests pass their own instead of the process's.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Flag values; <c>Port = 0</c> listens on an ephemeral loopback port (tests).</summary>
    public GatewayOverrides Overrides { get; init; } = new(null, null, null, null);

    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Console logging; off in tests (the JSON-lines file log is always on).</summary>
    public bool ConsoleLogging { get; init; } = true;
}
