using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Gateway.Hosting;

/// <summary>
/// Tunables of the front tier. Defaults are the real gateway's (advertised in <c>hello-ok.policy</c>); tests shrink
/// them. <see cref="HandshakeTimeout"/> starts from <see cref="GatewaySettings.HandshakeTimeout"/>.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>Largest frame after hello (25 MiB); larger closes 1009.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxPayloadBytes { get; set; } = 26_214_400;

    /// <summary>Largest frame before hello (64 KiB); larger closes 1009.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxPreAuthPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>Frames a client may send before hello; one more closes 1008.</summary>
    [Range(1, 1000)]
    public int MaxPreHelloFrames { get; set; } = 15;

    /// <summary>
    /// Send-queue byte budget per connection (50 MiB). Overflow rule: drop-if-slow events are skipped (seq still
    /// advances); anything else closes the connection 1008 "slow consumer".
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxBufferedBytes { get; set; } = 52_428_800;

    /// <summary>Send-queue frame-count bound per connection, with the same overflow rule as the byte budget.</summary>
    [Range(16, 1_000_000)]
    public int MaxQueuedFrames { get; set; } = 65_536;

    /// <summary>Requests of one connection being handled at once; more are answered UNAVAILABLE (retryable).</summary>
    [Range(1, 10_000)]
    public int MaxInFlightRequests { get; set; } = 256;

    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(25);
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a closing connection may take to flush its queue and finish the close handshake before it is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Send exception messages of unexpected failures to clients (never in production).</summary>
    public bool DetailedErrors { get; set; }
}
