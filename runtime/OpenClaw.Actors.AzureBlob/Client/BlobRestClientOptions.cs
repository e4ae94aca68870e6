namespace OpenClaw.Actors.AzureBlob.Client;

/// <summary>Bounds of every request a <see cref="BlobRestClient"/> sends.</summary>
public sealed record BlobRestClientOptions
{
    /// <summary>How long one request (send and read the answer) may take before it fails with a TimeoutException.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest download kept in memory; a bigger blob is refused rather than buffered.</summary>
    public long MaxDownloadBytes { get; init; } = 64L * 1024 * 1024;

    internal void Validate()
    {
        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromMinutes(10))
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "RequestTimeout must be between 0 and 10 minutes.");
        if (MaxDownloadBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxDownloadBytes), MaxDownloadBytes, "MaxDownloadBytes must be positive.");
    }
}
