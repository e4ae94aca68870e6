namespace OpenClaw.Grains.Agents.Models.Routing;

/// <summary>Retry and circuit-breaker settings applied to every model provider.</summary>
public sealed class ModelRouterOptions
{
    /// <summary>Retries of one model before moving to the next (only while nothing has been streamed yet).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; doubles per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A provider's <c>Retry-After</c> up to this is waited; a longer one means "fall back now".</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public double BreakerFailureRatio { get; set; } = 0.5;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int BreakerMinimumThroughput { get; set; } = 4;

    /// <summary>How long an open breaker skips its provider (Polly requires at least 0.5 s).</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
