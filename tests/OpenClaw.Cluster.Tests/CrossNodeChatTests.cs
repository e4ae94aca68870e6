using System.Text.Json.Nodes;
using OpenClaw.Cluster.Tests.Infrastructure;
using OpenClaw.Gateway.Protocol;
using OpenClaw.TestStubs;

namespace OpenClaw.Cluster.Tests;

/// <summary>
/// Clients may connect to any front node: a run started through front A on a grain hosted by a silo (a process of its
/// own) reaches a client of front B that follows the session, as the same chat events in the same order as the sender
/// sees them. Events cross from the silo to both fronts through the cluster's stream provider.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossNodeChatTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ChatSend_OnFrontA_SubscriberOnFrontB_SeesTheSameChatEventsInOrder()
    {
        await using var stub = await StubModel.StartAsync();
        // Several deltas, paced, so ordering across nodes is actually exercised.
        stub.Server.SetDefault(new StubReply { TextChunks = [.. Enumerable.Range(0, 12).Select(i => $"part{i} ")], ChunkDelay = TimeSpan.FromMilliseconds(20) });
        await using var cluster = await LocalCluster.StartAsync(new ClusterSpec { Silos = 2, Fronts = 2, ConfigJson = stub.ConfigJson() });
        var (frontA, frontB) = (cluster.Fronts[0], cluster.Fronts[1]);
        var key = SessionOnSilo(cluster, cluster.Silos[^1]);
        var runId = $"xnode-{Guid.NewGuid():N}";

        await using var watcher = await cluster.ConnectAsync(frontB, [OperatorScopes.Read], "session-scoped-events");
        var follow = await watcher.CallOkAsync("sessions.messages.subscribe", new JsonObject { ["key"] = key });
        Assert.True((bool?)follow["subscribed"]);
        await using var sender = await cluster.ConnectAsync(frontA);
        var ack = await sender.CallOkAsync("chat.send", ClientCalls.ChatSend(key, "across the cluster", runId));
        Assert.Equal((runId, "started"), ((string?)ack["runId"], (string?)ack["status"]));

        var sent = await sender.ChatEventsUntilTerminalAsync(runId, RunTimeout);
        var watched = await watcher.ChatEventsUntilTerminalAsync(runId, RunTimeout);

        Assert.Equal("final", (string?)sent[^1]["payload"]?["state"]);
        Assert.True(sent.Count > 2, $"expected streamed deltas, got {sent.Count} chat events");
        Assert.Equal(sent.Select(Payload), watched.Select(Payload));
        var finalText = (string?)watched[^1]["payload"]?["message"]?["content"]?[0]?["text"];
        Assert.Equal(string.Concat(Enumerable.Range(0, 12).Select(i => $"part{i} ")).TrimEnd(), finalText?.TrimEnd());
        var owner = await cluster.WaitForOwnerAsync(cluster.ShardOfSession(key), TimeSpan.FromSeconds(10));
        Assert.Contains(owner, cluster.Silos);
    }

    /// <summary>A fresh session key whose shard the given silo owns (any key when that silo owns none).</summary>
    internal static string SessionOnSilo(LocalCluster cluster, SiloNode silo)
    {
        var owned = ShardOwnershipLog.OwnedShards(cluster.Log(silo.Name));
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var key = $"agent:main:cluster-{Guid.NewGuid():N}";
            if (owned.Count == 0 || owned.Contains(cluster.ShardOfSession(key))) return key;
        }
        throw new InvalidOperationException($"no key found on {silo.Name}'s shards {string.Join(',', owned)}");
    }

    private static string Payload(JsonObject frame) => frame["payload"]!.ToJsonString();
}
