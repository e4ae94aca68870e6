using System.Diagnostics;
using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;
using Xunit.Abstractions;

namespace OpenClaw.Actors.RabbitMq.Tests;

/// <summary>Calls from a client-only service provider to a silo, through the real broker.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqCallTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task Call_FromClientOnlyProvider_ReturnsTheSilosResult()
    {
        await using var cluster = new TestCluster(broker);
        await cluster.StartSiloAsync("silo-a");
        var client = cluster.CreateClient();
        var grain = client.Cluster.GetGrain<IRemoteGrain>(Wait.NewKey());

        var greeting = await grain.GreetAsync(new Greeting("hi", 1, ["x", "y"])).WaitAsync(Wait.Timeout);
        var where = await grain.WhereAsync().WaitAsync(Wait.Timeout);

        Assert.Equal("hi", greeting.Text);
        Assert.Equal(2, greeting.Count);
        Assert.Equal(["x", "y"], greeting.Tags);
        Assert.Equal("silo-a", where);
    }

    [Fact]
    public async Task Call_GrainThrowsDomainException_CrossesWithCodeMessageAndRetryable()
    {
        await using var cluster = new TestCluster(broker);
        await cluster.StartSiloAsync("silo-a");
        var client = cluster.CreateClient();

        var error = await Assert.ThrowsAsync<DomainException>(
            () => client.Cluster.GetGrain<IRemoteGrain>(Wait.NewKey()).FailAsync("BUSY", "try later").WaitAsync(Wait.Timeout));

        Assert.Equal("BUSY", error.Code);
        Assert.Equal("try later", error.Message);
        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task Call_SlowerThanTheDeadline_ThrowsTimeoutExceptionAtTheDeadline()
    {
        await using var cluster = new TestCluster(broker);
        await cluster.StartSiloAsync("silo-a");
        var client = cluster.CreateClient(responseTimeout: TimeSpan.FromSeconds(1));
        var grain = client.Cluster.GetGrain<IRemoteGrain>(Wait.NewKey());
        await grain.IncrementAsync().WaitAsync(Wait.Timeout); // activated and connected: the timing below is the call alone

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => grain.SlowAsync(5_000).WaitAsync(Wait.Timeout));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(4));
        Assert.Equal(2, await grain.IncrementAsync().WaitAsync(Wait.Timeout)); // the silo cancelled the turn at the deadline and goes on
    }

    [Fact]
    public async Task Call_GrainCallsGrain_GoesThroughTheBroker()
    {
        await using var cluster = new TestCluster(broker);
        await cluster.StartSiloAsync("silo-a");
        var client = cluster.CreateClient();

        var where = await client.Cluster.GetGrain<IRemoteGrain>(Wait.NewKey()).AskWhereAsync(Wait.NewKey()).WaitAsync(Wait.Timeout);

        Assert.Equal("silo-a", where);
    }

    [Fact]
    public async Task Latency_ThousandSequentialCalls_AllAnsweredAndPercentilesPrinted()
    {
        const int calls = 1_000;
        await using var cluster = new TestCluster(broker);
        await cluster.StartSiloAsync("silo-a");
        var client = cluster.CreateClient();
        var grain = client.Cluster.GetGrain<IRemoteGrain>(Wait.NewKey());
        for (var i = 0; i < 50; i++) await grain.WhereAsync().WaitAsync(Wait.Timeout); // warm-up

        var latencies = new double[calls];
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var last = 0;
        for (var i = 0; i < calls; i++)
        {
            var clock = Stopwatch.StartNew();
            last = await grain.IncrementAsync().WaitAsync(bound.Token);
            latencies[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(latencies);
        output.WriteLine($"{calls} sequential calls through RabbitMQ: p50 {latencies[calls / 2]:F2} ms, p99 {latencies[calls * 99 / 100]:F2} ms, max {latencies[^1]:F2} ms");
        Assert.Equal(calls, last);
    }
}
