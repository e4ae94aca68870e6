using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Actors.AzureBlob.Leases;

/// <summary>How a <see cref="BlobLease"/> is taken and kept.</summary>
public sealed record BlobLeaseOptions
{
    /// <summary>The lease's length at the service, 15–60 whole seconds: how long a dead holder blocks others.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the lease is renewed; null = a third of <see cref="Duration"/>. Must be under half of it, so
    /// one failed renewal still leaves time for another before the lease can expire.</summary>
    public TimeSpan? RenewalPeriod { get; init; }

    /// <summary>How long acquiring keeps retrying while someone else holds the lease; zero = one attempt.</summary>
    public TimeSpan AcquireTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>The pause between acquire attempts.</summary>
    public TimeSpan AcquireRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    internal TimeSpan EffectiveRenewalPeriod => RenewalPeriod ?? Duration / 3;

    internal void Validate()
    {
        if (Duration < BlobRestClient.MinLeaseDuration || Duration > BlobRestClient.MaxLeaseDuration || Duration.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "A lease lasts 15 to 60 whole seconds.");
        if (EffectiveRenewalPeriod <= TimeSpan.Zero || EffectiveRenewalPeriod >= Duration / 2)
            throw new ArgumentOutOfRangeException(nameof(RenewalPeriod), RenewalPeriod, $"RenewalPeriod must be positive and under half of Duration ({Duration / 2}).");
        if (AcquireTimeout < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(AcquireTimeout), AcquireTimeout, "AcquireTimeout cannot be negative.");
        if (AcquireRetryDelay <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(AcquireRetryDelay), AcquireRetryDelay, "AcquireRetryDelay must be positive.");
    }
}
