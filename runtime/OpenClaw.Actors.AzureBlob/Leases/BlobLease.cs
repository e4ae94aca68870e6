using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Actors.AzureBlob.Leases;

/// <summary>
/// An exclusive blob lease, held and renewed in the background until disposed: the guard of "only one silo runs this
/// loop" (a channel's long-poll, a shard's reminder firing). Run the exclusive work under <see cref="Lost"/>: it is
/// cancelled as soon as the lease can no longer be trusted (a renewal was refused, e.g. after someone broke the
/// lease, or renewals kept failing until the lease could have expired) and when the lease is released. Disposing
/// stops renewing and releases the lease so another holder can take it at once.
/// </summary>
public sealed partial class BlobLease : IAsyncDisposable
{
    private readonly BlobRestClient _client;
    private readonly BlobLeaseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly Task _renewals;
    private int _disposed;

    private BlobLease(BlobRestClient client, string container, string blob, string leaseId, long acquiredAt,
        BlobLeaseOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        Container = container;
        BlobName = blob;
        LeaseId = leaseId;
        _options = options;
        _time = time;
        _logger = logger;
        _renewals = RenewUntilStoppedAsync(acquiredAt);
    }

    public string Container { get; }

    public string BlobName { get; }

    /// <summary>The lease id; pass it (<c>x-ms-lease-id</c>) with writes to the leased blob.</summary>
    public string LeaseId { get; }

    /// <summary>Cancelled once this lease is no longer held: lost at renewal, or released by dispose.</summary>
    public CancellationToken Lost => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    /// <summary>
    /// Takes the lease on <paramref name="blob"/> (created empty when missing), retrying for
    /// <see cref="BlobLeaseOptions.AcquireTimeout"/> while someone else holds it or the service fails transiently.
    /// Returns null when it is still held by someone else at the end.
    /// </summary>
    public static async Task<BlobLease?> TryAcquireAsync(BlobRestClient client, string container, string blob, BlobLeaseOptions? options = null,
        TimeProvider? time = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new BlobLeaseOptions();
        options.Validate();
        time ??= TimeProvider.System;
        logger ??= NullLogger.Instance;

        await EnsureBlobExistsAsync(client, container, blob, cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        while (true)
        {
            var attemptAt = time.GetTimestamp();
            try
            {
                var leaseId = await client.AcquireLeaseAsync(container, blob, options.Duration, cancellationToken: cancellationToken).ConfigureAwait(false);
                var lease = new BlobLease(client, container, blob, leaseId, attemptAt, options, time, logger);
                lease.LogAcquired(container, blob);
                return lease;
            }
            catch (Exception ex) when (IsHeldByOther(ex) || IsTransient(ex, cancellationToken))
            {
                if (time.GetElapsedTime(started) + options.AcquireRetryDelay > options.AcquireTimeout)
                {
                    if (IsHeldByOther(ex)) return null;
                    throw;
                }
            }

            await Task.Delay(options.AcquireRetryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopRenewing.CancelAsync().ConfigureAwait(false);
        await _renewals.ConfigureAwait(false);
        if (!IsLost)
        {
            try
            {
                await _client.ReleaseLeaseAsync(Container, BlobName, LeaseId).ConfigureAwait(false);
                LogReleased(Container, BlobName);
            }
            catch (Exception ex) when (ex is BlobRequestException or HttpRequestException or TimeoutException)
            {
                // Not fatal: the lease expires by itself after its duration.
                LogReleaseFailed(ex, Container, BlobName);
            }
        }

        await _lost.CancelAsync().ConfigureAwait(false);
        // _lost stays undisposed on purpose: holders read Lost after disposal, and a source without timers or links
        // holds nothing that needs disposing.
        _stopRenewing.Dispose();
    }

    /// <summary>The owned background loop; it never throws (failures end in <see cref="Lost"/> and a log line).</summary>
    private async Task RenewUntilStoppedAsync(long lastRenewalSentAt)
    {
        await Task.Yield();
        var period = _options.EffectiveRenewalPeriod;
        var stop = _stopRenewing.Token;
        try
        {
            while (true)
            {
                await Task.Delay(period, _time, stop).ConfigureAwait(false);
                var sentAt = _time.GetTimestamp();
                try
                {
                    // Bounded by the renewal period, not by the client's request timeout (which may exceed the lease's
                    // duration): a hanging renewal must still leave time to give the lease up before it expires.
                    using var attemptTimeout = new CancellationTokenSource(period, _time);
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop, attemptTimeout.Token);
                    await _client.RenewLeaseAsync(Container, BlobName, LeaseId, attempt.Token).ConfigureAwait(false);
                    lastRenewalSentAt = sentAt;
                }
                catch (Exception ex) when (IsTransient(ex, stop))
                {
                    // The service counts the lease from when it got our last renewal, which was after we sent it: once
                    // the next attempt would come after that, the lease may already be someone else's.
                    if (_time.GetElapsedTime(lastRenewalSentAt) + period < _options.Duration)
                    {
                        LogRenewalRetrying(ex, Container, BlobName);
                        continue;
                    }

                    MarkLost(ex, "renewals kept failing until the lease could have expired");
                    return;
                }
                catch (BlobRequestException ex)
                {
                    MarkLost(ex, $"the service refused the renewal ({ex.ErrorCode ?? ((int)ex.Status).ToString()})");
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the release follows.
        }
        catch (Exception ex)
        {
            MarkLost(ex, "the renewal loop failed");
        }
    }

    private void MarkLost(Exception ex, string reason)
    {
        LogLost(ex, Container, BlobName, reason);
        _lost.Cancel();
    }

    private static async Task EnsureBlobExistsAsync(BlobRestClient client, string container, string blob, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutBlockBlobAsync(container, blob, ReadOnlyMemory<byte>.Empty,
                new BlobWriteOptions { Conditions = BlobConditions.CreateOnly }, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobRequestException ex) when (ex.IsConditionFailure)
        {
            // It exists (and may be leased right now): that is all we need.
        }
    }

    private static bool IsHeldByOther(Exception ex)
        => ex is BlobRequestException { Status: HttpStatusCode.Conflict, ErrorCode: BlobErrorCodes.LeaseAlreadyPresent };

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken)
        => ex is BlobRequestException { IsTransient: true } or HttpRequestException or TimeoutException
           || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(2920, LogLevel.Information, "Acquired the lease on {Container}/{Blob}")]
    private partial void LogAcquired(string container, string blob);

    [LoggerMessage(2921, LogLevel.Information, "Released the lease on {Container}/{Blob}")]
    private partial void LogReleased(string container, string blob);

    [LoggerMessage(2922, LogLevel.Warning, "Could not release the lease on {Container}/{Blob}; it expires by itself")]
    private partial void LogReleaseFailed(Exception exception, string container, string blob);

    [LoggerMessage(2923, LogLevel.Warning, "Renewing the lease on {Container}/{Blob} failed; retrying while it is still valid")]
    private partial void LogRenewalRetrying(Exception exception, string container, string blob);

    [LoggerMessage(2924, LogLevel.Warning, "Lost the lease on {Container}/{Blob}: {Reason}")]
    private partial void LogLost(Exception exception, string container, string blob, string reason);
}
