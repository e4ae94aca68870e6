namespace OpenClaw.Actors.AzureBlob.Leases;

/// <summary>How a <see cref="LeasedLoop"/> holds its lease and how it retries.</summary>
public sealed record LeasedLoopOptions
{
    /// <summary>
    /// The lease: its duration bounds how long a dead or partitioned holder keeps others out (and so how long a
    /// takeover can take). <see cref="BlobLeaseOptions.AcquireTimeout"/> is not used: the loop itself retries.
    /// </summary>
    public BlobLeaseOptions Lease { get; init; } = new() { Duration = TimeSpan.FromSeconds(15) };

    /// <summary>The pause between attempts to acquire while another holder has the lease (or the service fails).</summary>
    public TimeSpan AcquireRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The pause after the loop body failed or returned, with the lease released, before trying again.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Lease);
        Lease.Validate();
        if (AcquireRetryDelay <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(AcquireRetryDelay), AcquireRetryDelay, "AcquireRetryDelay must be positive.");
        if (RestartDelay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(RestartDelay), RestartDelay, "RestartDelay cannot be negative.");
    }
}
