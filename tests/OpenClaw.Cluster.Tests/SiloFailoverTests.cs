using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenClaw.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OpenClaw.Cluster.Tests;

/// <summary>
/// kill -9 of the silo that hosts a session while its agent run streams. The broker hands the shard to the other
/// silo, the session grain reactivates there from its stored state, and the run is settled: the client waiting on it
/// gets a terminal chat event (final or error, never silence) within 10 s. Nothing acknowledged is lost or doubled:
/// the transcript has every acknowledged turn exactly once, calls made during the failover complete or fail with a
/// retryable error, and a retried chat.send with the same idempotency key never runs the turn again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TerminalBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task KillOwningSilo_MidRun_TerminalEventWithin10sAndEveryAcknowledgedTurnOnce()
    {
        await using var stub = await StubModel.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(new ClusterSpec { Silos = 2, Fronts = 2, ConfigJson = stub.ConfigJson() });
        var key = $"agent:main:failover-{Guid.NewGuid():N}";
        var shard = cluster.ShardOfSession(key);
        await using var client = await cluster.ConnectAsync(cluster.Fronts[0]);

        // An acknowledged, completed turn before the crash.
        await client.CallOkAsync("chat.send", ClientCalls.ChatSend(key, "turn zero", "r0"));
        Assert.Equal("final", (string?)(await client.ChatEventsUntilTerminalAsync("r0", RunTimeout))[^1]["payload"]?["state"]);

        // An acknowledged turn whose run is streaming when its silo dies.
        stub.Stall();
        var ack = await client.CallOkAsync("chat.send", ClientCalls.ChatSend(key, "turn one", "r1"));
        Assert.Equal("started", (string?)ack["status"]);
        await client.NextAsync(f => ClientCalls.IsChatOf(f, "r1") && (string?)f["payload"]?["state"] == "delta", TimeSpan.FromSeconds(10));
        var owner = await cluster.WaitForOwnerAsync(shard, TimeSpan.FromSeconds(10));
        var survivor = cluster.Silos.Single(s => s != owner);
        stub.Echo();

        var clock = Stopwatch.StartNew();
        await LocalCluster.KillAsync(owner.Pid);

        // A call to another grain of the same shard, from another front, while the shard fails over.
        var neighbour = KeyOnShard(cluster, shard);
        await using var other = await cluster.ConnectAsync(cluster.Fronts[1]);
        var duringFailover = other.RequestAsync("chat.history", new JsonObject { ["sessionKey"] = neighbour }, timeout: TimeSpan.FromSeconds(30));

        var events = await client.ChatEventsUntilTerminalAsync("r1", TerminalBound);
        var terminalAfter = clock.Elapsed;
        var terminal = events[^1]["payload"]!;
        Assert.Contains((string?)terminal["state"] ?? "", (string[])["final", "error"]);
        Assert.True(terminalAfter <= TerminalBound, $"terminal event after {terminalAfter.TotalSeconds:0.0} s");

        output.WriteLine($"killed {owner.Name} (shard {shard}); terminal '{terminal["state"]}' after {terminalAfter.TotalMilliseconds:0} ms");
        var inFlight = await duringFailover;
        output.WriteLine($"call during failover: ok={inFlight.Ok} {inFlight.Error?.Code} retryable={inFlight.Error?.Retryable}");
        Assert.True(inFlight.Ok || inFlight.Error?.Retryable == true,
            $"a call during failover failed without being retryable: {inFlight.Error?.Code} {inFlight.Error?.Message}");

        // The client retries the cut-off turn with the same key: deduplicated, never run again.
        var retry = await client.CallOkAsync("chat.send", ClientCalls.ChatSend(key, "turn one", "r1"));
        Assert.Equal(("r1", "in_flight"), ((string?)retry["runId"], (string?)retry["status"]));

        await client.CallOkAsync("chat.send", ClientCalls.ChatSend(key, "turn two", "r2"));
        Assert.Equal("final", (string?)(await client.ChatEventsUntilTerminalAsync("r2", RunTimeout))[^1]["payload"]?["state"]);

        var history = await client.HistoryAsync(key);
        var users = history.Where(m => m.Role == "user").Select(m => m.Text).ToList();
        Assert.Equal(["turn zero", "turn one", "turn two"], users);
        Assert.Single(history, m => m.Role == "assistant" && m.Text == "echo: turn zero");
        Assert.Single(history, m => m.Role == "assistant" && m.Text == "echo: turn two");
        Assert.Equal(1, stub.RequestsFor("turn one"));
        Assert.Equal(survivor, await cluster.WaitForOwnerAsync(shard, TimeSpan.FromSeconds(10)));
    }

    private static string KeyOnShard(LocalCluster cluster, int shard)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var key = $"agent:main:neighbour-{Guid.NewGuid():N}";
            if (cluster.ShardOfSession(key) == shard) return key;
        }
        throw new InvalidOperationException($"no key found on shard {shard}");
    }
}
