using System.Net;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Leases;
using OpenClaw.Actors.AzureBlob.Tests.Support;

namespace OpenClaw.Actors.AzureBlob.Tests.Leases;

/// <summary>Blob leases on Azurite, in real time (the service's clock decides expiry): exclusivity, renewal, loss.</summary>
[Collection(AzuriteLeaseCollection.Name)]
public sealed class BlobLeaseTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static string NewBlobName() => $"leases/{Guid.NewGuid():N}";

    private Task<BlobLease?> TryAcquireAsync(string blob, BlobLeaseOptions? options = null)
        => BlobLease.TryAcquireAsync(azurite.Client, azurite.Container, blob, options ?? new BlobLeaseOptions { Duration = TimeSpan.FromSeconds(15) });

    private static Task WhenCancelledAsync(CancellationToken token)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => cancelled.TrySetResult());
        return cancelled.Task;
    }

    [Fact]
    public async Task TryAcquire_WhileAnotherHoldsTheLease_ReturnsNull()
    {
        var blob = NewBlobName();
        await using var first = await TryAcquireAsync(blob);

        var second = await TryAcquireAsync(blob);
        var secondWithRetries = await TryAcquireAsync(blob, new BlobLeaseOptions
        {
            Duration = TimeSpan.FromSeconds(15),
            AcquireTimeout = TimeSpan.FromSeconds(1),
            AcquireRetryDelay = TimeSpan.FromMilliseconds(200),
        }).WaitAsync(Bound);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Null(secondWithRetries);
        Assert.False(first.IsLost);
    }

    [Fact]
    public async Task TryAcquire_WithRetries_GetsTheLeaseOnceTheHolderReleasesIt()
    {
        var blob = NewBlobName();
        var first = await TryAcquireAsync(blob);
        var waiting = TryAcquireAsync(blob, new BlobLeaseOptions
        {
            Duration = TimeSpan.FromSeconds(15),
            AcquireTimeout = TimeSpan.FromSeconds(8),
            AcquireRetryDelay = TimeSpan.FromMilliseconds(200),
        });

        await first!.DisposeAsync();
        await using var second = await waiting.WaitAsync(Bound);

        Assert.NotNull(second);
        Assert.True(first.IsLost);
        Assert.NotEqual(first.LeaseId, second.LeaseId);
    }

    [Fact]
    public async Task Dispose_ReleasesTheLeaseAndSignalsThatItIsNoLongerHeld()
    {
        var blob = NewBlobName();
        var lease = await TryAcquireAsync(blob);

        await lease!.DisposeAsync();
        await using var next = await TryAcquireAsync(blob);

        Assert.True(lease.Lost.IsCancellationRequested);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task LeasedBlob_WritesNeedTheLeaseId()
    {
        var blob = NewBlobName();
        await using var lease = await TryAcquireAsync(blob);

        var error = await Assert.ThrowsAsync<BlobRequestException>(() => azurite.Client.PutBlockBlobAsync(azurite.Container, blob, new byte[] { 1 }));
        await azurite.Client.PutBlockBlobAsync(azurite.Container, blob, new byte[] { 2 },
            new BlobWriteOptions { Conditions = new BlobConditions(LeaseId: lease!.LeaseId) });

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.Status);
        Assert.Equal(BlobErrorCodes.LeaseIdMissing, error.ErrorCode);
        Assert.Equal([2], (await azurite.Client.DownloadAsync(azurite.Container, blob))!.Content);
        Assert.Equal("leased", (await azurite.Client.GetPropertiesAsync(azurite.Container, blob))!.LeaseState);
    }

    [Fact]
    public async Task Renewal_KeepsTheLeasePastItsDuration()
    {
        var blob = NewBlobName();
        var duration = TimeSpan.FromSeconds(15);
        await using var lease = await TryAcquireAsync(blob, new BlobLeaseOptions { Duration = duration, RenewalPeriod = TimeSpan.FromSeconds(2) });

        // Real time has to pass the service's lease duration: that is what is being tested, not a condition to poll.
        await Task.Delay(duration + TimeSpan.FromSeconds(2));

        Assert.False(lease!.IsLost);
        Assert.Null(await TryAcquireAsync(blob));
        var error = await Assert.ThrowsAsync<BlobRequestException>(() => azurite.Client.AcquireLeaseAsync(azurite.Container, blob, duration));
        Assert.Equal(BlobErrorCodes.LeaseAlreadyPresent, error.ErrorCode);
    }

    [Fact]
    public async Task Loss_AfterTheLeaseIsBroken_IsSignalledThroughTheToken()
    {
        var blob = NewBlobName();
        await using var lease = await TryAcquireAsync(blob, new BlobLeaseOptions
        {
            Duration = TimeSpan.FromSeconds(15),
            RenewalPeriod = TimeSpan.FromMilliseconds(300),
        });
        var lost = WhenCancelledAsync(lease!.Lost);

        var remaining = await azurite.Client.BreakLeaseAsync(azurite.Container, blob, TimeSpan.Zero);
        await lost.WaitAsync(Bound);

        Assert.Equal(TimeSpan.Zero, remaining);
        Assert.True(lease.IsLost);
        await using var next = await TryAcquireAsync(blob);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Lease_OnAMissingBlob_CreatesTheBlobFirst()
    {
        var blob = NewBlobName();

        await using var lease = await TryAcquireAsync(blob);

        Assert.NotNull(lease);
        Assert.NotNull(await azurite.Client.GetPropertiesAsync(azurite.Container, blob));
    }

    [Fact]
    public async Task ClientLeaseOperations_InfiniteLease_RenewReleaseAndBreakBehaveAsTheServiceSays()
    {
        var blob = NewBlobName();
        await azurite.Client.PutBlockBlobAsync(azurite.Container, blob, new byte[] { 1 });
        var proposed = Guid.NewGuid().ToString();

        var leaseId = await azurite.Client.AcquireLeaseAsync(azurite.Container, blob, duration: null, proposedLeaseId: proposed);
        await azurite.Client.RenewLeaseAsync(azurite.Container, blob, leaseId);
        var wrongId = await Assert.ThrowsAsync<BlobRequestException>(() =>
            azurite.Client.ReleaseLeaseAsync(azurite.Container, blob, Guid.NewGuid().ToString()));
        await azurite.Client.ReleaseLeaseAsync(azurite.Container, blob, leaseId);
        var again = await azurite.Client.AcquireLeaseAsync(azurite.Container, blob, duration: null);
        var remaining = await azurite.Client.BreakLeaseAsync(azurite.Container, blob, TimeSpan.Zero);
        var renewBroken = await Assert.ThrowsAsync<BlobRequestException>(() => azurite.Client.RenewLeaseAsync(azurite.Container, blob, again));

        Assert.Equal(proposed, leaseId);
        Assert.Equal(HttpStatusCode.Conflict, wrongId.Status);
        Assert.Equal(BlobErrorCodes.LeaseIdMismatchWithLeaseOperation, wrongId.ErrorCode);
        Assert.Equal(TimeSpan.Zero, remaining);
        Assert.Equal(HttpStatusCode.Conflict, renewBroken.Status);
        Assert.Equal("broken", (await azurite.Client.GetPropertiesAsync(azurite.Container, blob))!.LeaseState);
    }

    [Theory]
    [InlineData(10, null)]
    [InlineData(61, null)]
    [InlineData(30, 15000)]
    [InlineData(30, 0)]
    public async Task Options_OutsideTheServiceLimitsOrRenewingTooRarely_AreRejected(int durationSeconds, int? renewalMs)
    {
        var options = new BlobLeaseOptions
        {
            Duration = TimeSpan.FromSeconds(durationSeconds),
            RenewalPeriod = renewalMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TryAcquireAsync(NewBlobName(), options));
    }
}
