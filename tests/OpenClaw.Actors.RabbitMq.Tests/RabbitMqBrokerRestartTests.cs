using System.Diagnostics;
using OpenClaw.Actors.RabbitMq.Tests.Support;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;
using Xunit.Abstractions;

namespace OpenClaw.Actors.RabbitMq.Tests;

/// <summary>
/// The broker restarts (its own instance, never the shared one): silos and clients reconnect by themselves, calls
/// waiting during the outage fail at once with a retryable <see cref="GrainCallInterruptedException"/>, and calls the
/// broker had confirmed survive the restart and run.
/// </summary>
[Collection(RestartableBrokerCollection.Name)]
public sealed class RabbitMqBrokerRestartTests(RestartableBroker broker, ITestOutputHelper output)
{
    private static readonly TimeSpan ReconnectBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BrokerRestarts_SiloAndClientReconnectByThemselves_WaitingCallsFailRetryably_NoConfirmedCallLost()
    {
        await using var running = new TestCluster(broker, shardCount: 4);
        var silo = await running.StartSiloAsync("silo-a");
        await Wait.UntilAsync(() => silo.Ownership.OwnedShards.Count == 4, "silo-a owns every shard");
        var client = running.CreateClient(responseTimeout: TimeSpan.FromSeconds(15));
        var grain = client.Cluster.GetGrain<ICountingGrain>(Wait.NewKey());
        Assert.Equal(1, await grain.ApplyOnceAsync("before", holdAfterWrite: false).WaitAsync(Wait.Timeout));

        // Calls the broker confirmed but nobody ran yet: this cluster's silo starts only after the restart.
        await using var queued = new TestCluster(broker, shardCount: 4);
        var queuedClient = queued.CreateClient(responseTimeout: TimeSpan.FromMinutes(3));
        await queuedClient.ConnectAsync(); // declares the queues
        var queuedIds = Enumerable.Range(0, 20).Select(i => $"queued-{i}").ToList();
        var queuedCalls = queuedIds.Select(id => queuedClient.Cluster.GetGrain<ICountingGrain>(Wait.NewKey()).CountAsync(id)).ToList();
        await Wait.UntilAsync(async () => await MessagesInShardQueuesAsync(queued) == queuedIds.Count, "the broker holds the 20 queued calls");

        // A call running on the silo when the broker goes away.
        var held = grain.ApplyOnceAsync("held", holdAfterWrite: true);
        await Wait.UntilAsync(() => running.Ledger.RunsOf("held") == 1, "the held call runs on silo-a");

        var clock = Stopwatch.StartNew();
        var restart = broker.RestartAsync();
        var interrupted = await Assert.ThrowsAsync<GrainCallInterruptedException>(() => held.WaitAsync(TimeSpan.FromSeconds(30)));
        output.WriteLine($"waiting call failed {clock.Elapsed.TotalMilliseconds:F0} ms after the restart began: {interrupted.Message}");
        Assert.True(interrupted.MayHaveRun);
        foreach (var call in queuedCalls) Assert.IsType<GrainCallInterruptedException>(await Record.ExceptionAsync(() => call.WaitAsync(Wait.Timeout)));
        var duringOutage = await Record.ExceptionAsync(() => grain.GetCountAsync().WaitAsync(Wait.Timeout));
        Assert.IsAssignableFrom<TimeoutException>(duringOutage); // nothing sent, or no answer: retryable either way
        await restart.WaitAsync(TimeSpan.FromMinutes(4));
        output.WriteLine($"broker back after {clock.Elapsed.TotalSeconds:F1} s");

        // Reconnect by themselves: the same client and silo objects serve calls again.
        var failuresAfterRestart = new List<Exception>();
        var count = await Wait.ForAsync(async () =>
        {
            try
            {
                return (object?)await grain.ApplyOnceAsync("after", holdAfterWrite: false).WaitAsync(Wait.Timeout);
            }
            catch (TimeoutException exception)
            {
                failuresAfterRestart.Add(exception);
                return null;
            }
        }, "a call succeeds after the restart", ReconnectBound);
        output.WriteLine($"first call after the restart succeeded {clock.Elapsed.TotalSeconds:F1} s after the restart began ({failuresAfterRestart.Count} retries)");
        Assert.Equal(3, count); // before, held (redelivered, answered from state), after
        Assert.Equal(1, running.Ledger.RunsOf("held"));
        await Wait.UntilAsync(() => silo.Ownership.OwnedShards.Count == 4, "silo-a owns every shard again");

        // No confirmed call lost: the queued calls are still in their queues and run once a silo consumes them.
        await queued.StartSiloAsync("silo-q");
        await Wait.UntilAsync(() => queuedIds.All(id => queued.Ledger.RunsOf(id) == 1), "every queued call ran once", TimeSpan.FromSeconds(30));
        Assert.Equal(queuedIds.Count, queued.Ledger.Count);
    }

    private async Task<long> MessagesInShardQueuesAsync(TestCluster cluster)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        long total = 0;
        for (var shard = 0; shard < cluster.ShardCount; shard++) total += (await channel.QueueDeclarePassiveAsync($"{cluster.Prefix}.shard.{shard}")).MessageCount;
        return total;
    }
}
