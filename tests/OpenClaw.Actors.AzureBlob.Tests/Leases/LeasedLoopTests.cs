using System.Diagnostics;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Leases;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using Xunit.Abstractions;

namespace OpenClaw.Actors.AzureBlob.Tests.Leases;

/// <summary>
/// Leased loops on Azurite in real time: contenders never run the body together, a released lease is taken over at
/// the next attempt, and a holder cut off from the service stops its body before the lease expires, after which the
/// other contender takes over.
/// </summary>
[Collection(AzuriteLeaseCollection.Name)]
public sealed class LeasedLoopTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);

    private static readonly LeasedLoopOptions FastRetries = new()
    {
        Lease = new BlobLeaseOptions { Duration = LeaseDuration },
        AcquireRetryDelay = TimeSpan.FromMilliseconds(200),
        RestartDelay = TimeSpan.FromMilliseconds(200),
    };

    private readonly string _blob = $"loops/{Guid.NewGuid():N}";

    /// <summary>Bodies of one test: how many run at once, the most ever seen, and who ran when.</summary>
    private sealed class Contention
    {
        private int _running;
        private int _maxRunning;

        public int MaxRunning => Volatile.Read(ref _maxRunning);

        public Func<CancellationToken, Task> Body(string name, List<string> log) => async token =>
        {
            var now = Interlocked.Increment(ref _running);
            InterlockedMax(now);
            lock (log) log.Add($"{name} started");
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                lock (log) log.Add($"{name} stopped");
                Interlocked.Decrement(ref _running);
            }
        };

        private void InterlockedMax(int value)
        {
            var seen = Volatile.Read(ref _maxRunning);
            while (value > seen && Interlocked.CompareExchange(ref _maxRunning, value, seen) != seen) seen = Volatile.Read(ref _maxRunning);
        }
    }

    private LeasedLoop NewLoop(Func<CancellationToken, Task> body, BlobRestClient? client = null)
        => new(client ?? azurite.Client, azurite.Container, _blob, body, FastRetries);

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan bound, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > bound) throw new TimeoutException($"Not {what} within {bound}.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task TwoContenders_RunOneAtATime_AndTheOtherTakesOverWhenTheHolderStops()
    {
        var contention = new Contention();
        var log = new List<string>();
        await using var loopA = NewLoop(contention.Body("A", log));
        await using var loopB = NewLoop(contention.Body("B", log));
        await loopA.StartAsync();
        await WaitUntilAsync(() => loopA.IsRunning, Bound, "running A");
        await loopB.StartAsync();
        await WaitUntilAsync(() => log.Count > 0, Bound, "started"); // B keeps retrying meanwhile

        await Task.Delay(TimeSpan.FromSeconds(1)); // several of B's attempts fail while A holds the lease
        Assert.False(loopB.IsRunning);
        await loopA.StopAsync().WaitAsync(Bound);
        await WaitUntilAsync(() => loopB.IsRunning, Bound, "running B after A released the lease");

        Assert.Equal(1, contention.MaxRunning);
        lock (log) Assert.Equal(["A started", "A stopped", "B started"], log);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HolderCutOffFromTheService_StopsItsBody_AndTheOtherTakesOverWithinTheLeaseDuration(bool requestsHang)
    {
        // A request timeout longer than the lease: a hanging renewal must not keep the holder running past its lease.
        using var partitioned = new FaultyBlobConnection(requestTimeout: TimeSpan.FromSeconds(30));
        var contention = new Contention();
        var log = new List<string>();
        await using var loopA = NewLoop(contention.Body("A", log), partitioned.Client);
        await using var loopB = NewLoop(contention.Body("B", log));
        await loopA.StartAsync();
        await WaitUntilAsync(() => loopA.IsRunning, Bound, "running A");
        await loopB.StartAsync();

        var cut = Stopwatch.StartNew();
        // A can no longer renew (nor do anything else): its requests fail at once, or hang without an answer.
        if (requestsHang) partitioned.Handler.Hang = _ => true;
        else partitioned.Handler.FailBeforeSending = _ => true;
        await WaitUntilAsync(() => !loopA.IsRunning, LeaseDuration, "stopping A after its renewals failed");
        var aStopped = cut.Elapsed;
        // The lease runs out on the service 15 s after A's last renewal, at most one renewal period before the cut.
        await WaitUntilAsync(() => loopB.IsRunning, LeaseDuration + TimeSpan.FromSeconds(5), "running B after A's lease expired");
        var bStarted = cut.Elapsed;

        output.WriteLine($"A stopped {aStopped.TotalSeconds:0.0} s and B started {bStarted.TotalSeconds:0.0} s after the cut");
        Assert.Equal(1, contention.MaxRunning);
        Assert.True(bStarted <= LeaseDuration + TimeSpan.FromSeconds(2), $"B took over {bStarted} after the cut");
        lock (log) Assert.Equal(["A started", "A stopped", "B started"], log);
    }

    [Fact]
    public async Task BodyThatFails_IsRestartedAfterThePause()
    {
        var runs = 0;
        await using var loop = NewLoop(async token =>
        {
            if (Interlocked.Increment(ref runs) == 1) throw new InvalidOperationException("first run fails");
            await Task.Delay(Timeout.Infinite, token);
        });

        await loop.StartAsync();
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2 && loop.IsRunning, Bound, "running again after the failure");
        await loop.StopAsync().WaitAsync(Bound);

        Assert.False(loop.IsRunning);
        var released = await azurite.Client.GetPropertiesAsync(azurite.Container, _blob);
        Assert.Equal("available", released!.LeaseState);
    }
}
