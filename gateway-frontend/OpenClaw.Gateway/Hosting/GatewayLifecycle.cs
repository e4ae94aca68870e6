using Microsoft.Extensions.Hosting;

namespace OpenClaw.Gateway.Hosting;

/// <summary>
/// Where the host is in its life, for the probes and for admission: new connections are refused while stopping.
/// Also the identity reported in hello-ok (<c>bootId</c>, start time for <c>uptimeMs</c>).
/// </summary>
public sealed class GatewayLifecycle
{
    public const string Version = "2026.9.6";

    private readonly IHostApplicationLifetime _lifetime;

    public GatewayLifecycle(IHostApplicationLifetime lifetime, TimeProvider time)
    {
        _lifetime = lifetime;
        StartedAt = time.GetUtcNow();
    }

    public string BootId { get; } = Guid.NewGuid().ToString();

    public string BuildId { get; } = $"{Version}-openclaw-orleans";

    public DateTimeOffset StartedAt { get; }

    public bool IsStarted => _lifetime.ApplicationStarted.IsCancellationRequested;

    public bool IsStopping => _lifetime.ApplicationStopping.IsCancellationRequested;

    public CancellationToken Stopping => _lifetime.ApplicationStopping;
}
