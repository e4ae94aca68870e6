using System.Globalization;

namespace OpenClaw.Actors.AzureBlob.Client;

public sealed partial class BlobRestClient
{
    /// <summary>The shortest and longest finite lease the service grants.</summary>
    public static readonly TimeSpan MinLeaseDuration = TimeSpan.FromSeconds(15);

    /// <inheritdoc cref="MinLeaseDuration"/>
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromSeconds(60);

    private static readonly IReadOnlyList<KeyValuePair<string, string>> LeaseQuery = [new("comp", "lease")];

    /// <summary>
    /// Acquires a lease on an existing blob: <paramref name="duration"/> 15–60 s, or null for an infinite lease.
    /// Fails with 409 <c>LeaseAlreadyPresent</c> while someone else holds one. Returns the lease id.
    /// </summary>
    public Task<string> AcquireLeaseAsync(string container, string blob, TimeSpan? duration, string? proposedLeaseId = null, CancellationToken cancellationToken = default)
    {
        if (duration is { } d && (d < MinLeaseDuration || d > MaxLeaseDuration || d.Ticks % TimeSpan.TicksPerSecond != 0))
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease lasts 15 to 60 whole seconds, or is infinite (null).");
        var seconds = duration is { } value ? ((int)value.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "-1";
        return LeaseAsync(container, blob, "acquire", request =>
        {
            request.Headers.TryAddWithoutValidation("x-ms-lease-duration", seconds);
            if (proposedLeaseId is not null) request.Headers.TryAddWithoutValidation("x-ms-proposed-lease-id", proposedLeaseId);
        }, response => BlobHeaders.Single(response, "x-ms-lease-id")
                       ?? throw new InvalidOperationException("Lease acquire answered without x-ms-lease-id."), cancellationToken);
    }

    /// <summary>Renews a held lease for its full duration again; fails once it was broken or taken.</summary>
    public Task RenewLeaseAsync(string container, string blob, string leaseId, CancellationToken cancellationToken = default)
        => LeaseAsync(container, blob, "renew", request => BlobHeaders.AddLease(request, leaseId), _ => true, cancellationToken);

    /// <summary>Releases a held lease so that others can acquire it at once.</summary>
    public Task ReleaseLeaseAsync(string container, string blob, string leaseId, CancellationToken cancellationToken = default)
        => LeaseAsync(container, blob, "release", request => BlobHeaders.AddLease(request, leaseId), _ => true, cancellationToken);

    /// <summary>
    /// Breaks whoever's lease is on the blob, after <paramref name="breakPeriod"/> (0–60 s; null = the service's
    /// default, the rest of the lease). Returns how long until the lease is broken.
    /// </summary>
    public Task<TimeSpan> BreakLeaseAsync(string container, string blob, TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        if (breakPeriod is { } p && (p < TimeSpan.Zero || p > MaxLeaseDuration))
            throw new ArgumentOutOfRangeException(nameof(breakPeriod), breakPeriod, "A break period is 0 to 60 seconds.");
        return LeaseAsync(container, blob, "break", request =>
        {
            if (breakPeriod is { } period)
                request.Headers.TryAddWithoutValidation("x-ms-lease-break-period", ((int)period.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }, response => TimeSpan.FromSeconds(BlobHeaders.Long(response, "x-ms-lease-time", "break lease")), cancellationToken);
    }

    private Task<T> LeaseAsync<T>(string container, string blob, string action, Action<HttpRequestMessage> addHeaders,
        Func<HttpResponseMessage, T> read, CancellationToken cancellationToken)
    {
        Validate(container, blob);
        var resource = BlobPaths.Resource(container, blob);
        var operation = action + " lease";
        return RunAsync(operation, resource, async token =>
        {
            using var response = await SendAsync(HttpMethod.Put, container, blob, LeaseQuery, request =>
            {
                request.Headers.TryAddWithoutValidation("x-ms-lease-action", action);
                addHeaders(request);
            }, null, token).ConfigureAwait(false);
            EnsureSuccess(response, operation, resource);
            return read(response);
        }, cancellationToken);
    }
}
