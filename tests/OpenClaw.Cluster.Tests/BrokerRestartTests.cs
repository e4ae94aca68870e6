using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenClaw.Cluster.Tests.Infrastructure;
using OpenClaw.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OpenClaw.Cluster.Tests;

/// <summary>
/// The broker restarts under a running cluster (its own RabbitMQ node, never the shared one). Silos and front nodes
/// reconnect by themselves: calls succeed again without restarting any process, events flow from silos to fronts
/// again, and nothing acknowledged before the restart is lost.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BrokerRestartTests(ClusterServers servers, ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ReconnectBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BrokerRestart_NodesReconnectByThemselves_NoAcknowledgedMessageLost()
    {
        await using var stub = await StubModel.StartAsync();
        var broker = await servers.OwnBroker;
        await using var cluster = await LocalCluster.StartAsync(new ClusterSpec
        {
            Silos = 2,
            Fronts = 2,
            ConfigJson = stub.ConfigJson(),
            Environment = new Dictionary<string, string> { ["OPENCLAW_RABBITMQ_URI"] = broker.Uri },
        });
        var key = $"agent:main:restart-{Guid.NewGuid():N}";
        await using var client = await cluster.ConnectAsync(cluster.Fronts[0]);
        foreach (var turn in (string[])["before one", "before two"])
        {
            var runId = $"run-{Guid.NewGuid():N}";
            await client.CallOkAsync("chat.send", ClientCalls.ChatSend(key, turn, runId));
            Assert.Equal("final", (string?)(await client.ChatEventsUntilTerminalAsync(runId, RunTimeout))[^1]["payload"]?["state"]);
        }
        var pids = cluster.Silos.Select(s => s.Pid).Concat(cluster.Fronts.Select(f => f.Pid)).ToList();

        var clock = Stopwatch.StartNew();
        await broker.RestartAsync();
        var restartedAfter = clock.Elapsed;

        // Same processes: the first new connection whose grain call succeeds marks the reconnection. Until the nodes are
        // back on the broker a connect or call may fail (that is the client's to retry), but it must not stay so.
        await using var other = await ReconnectAsync(cluster, cluster.Fronts[1], key);
        var reconnectedAfter = clock.Elapsed;
        output.WriteLine($"broker restart took {restartedAfter.TotalSeconds:0.0} s; calls succeed again {(reconnectedAfter - restartedAfter).TotalSeconds:0.0} s later");
        Assert.All(pids, pid => Assert.True(LocalCluster.IsAlive(pid), $"pid {pid} exited during the broker restart"));

        // Front-1 is back too, and events flow again from the silo to its clients.
        await using var again = await ReconnectAsync(cluster, cluster.Fronts[0], key);
        var afterRun = $"run-{Guid.NewGuid():N}";
        await again.CallOkAsync("chat.send", ClientCalls.ChatSend(key, "after", afterRun));
        Assert.Equal("final", (string?)(await again.ChatEventsUntilTerminalAsync(afterRun, RunTimeout))[^1]["payload"]?["state"]);

        var history = await other.HistoryAsync(key);
        Assert.Equal(["before one", "before two", "after"], history.Where(r => r.Role == "user").Select(r => r.Text));
        Assert.Equal(["echo: before one", "echo: before two", "echo: after"], history.Where(r => r.Role == "assistant").Select(r => r.Text));
    }

    private async Task<GatewayTestClient> ReconnectAsync(LocalCluster cluster, FrontNode front, string key) =>
        await Poll.UntilAsync(async () =>
        {
            GatewayTestClient? candidate = null;
            try
            {
                candidate = await cluster.ConnectAsync(front);
                var response = await candidate.RequestAsync("chat.history", new JsonObject { ["sessionKey"] = key }, timeout: TimeSpan.FromSeconds(5));
                if (response.Ok) return candidate;
                output.WriteLine($"{front.Name} after restart: chat.history {response.Error?.Code} {response.Error?.Message}");
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.Net.WebSockets.WebSocketException or Xunit.Sdk.XunitException)
            {
                output.WriteLine($"{front.Name} after restart: {ex.GetType().Name} {ex.Message.Split('\n')[0]}");
            }
            if (candidate is not null) await candidate.DisposeAsync();
            return null;
        }, ReconnectBound, $"a connection and grain call through {front.Name} to succeed after the broker restart");
}
