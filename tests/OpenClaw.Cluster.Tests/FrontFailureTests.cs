using System.Text.Json.Nodes;
using OpenClaw.Cluster.Tests.Infrastructure;
using OpenClaw.Gateway.Protocol;
using OpenClaw.TestStubs;

namespace OpenClaw.Cluster.Tests;

/// <summary>
/// A front node holds only sockets: when one dies (kill -9, no shutdown hook), its own clients lose their connections
/// and nothing else changes. Clients of the other front keep following the same session and keep getting every chat
/// event in order; the session's turns all land; the surviving front still accepts new clients.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FrontFailureTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(20);
    private const int Turns = 3;

    [Fact]
    public async Task KillFrontA_ClientsOfFrontB_KeepTheSessionAndEveryChatEvent()
    {
        await using var stub = await StubModel.StartAsync();
        stub.Server.SetDefault(new StubReply { TextChunks = ["one ", "two ", "three"], ChunkDelay = TimeSpan.FromMilliseconds(10) });
        await using var cluster = await LocalCluster.StartAsync(new ClusterSpec { Silos = 1, Fronts = 2, ConfigJson = stub.ConfigJson() });
        var (frontA, frontB) = (cluster.Fronts[0], cluster.Fronts[1]);
        var key = $"agent:main:front-loss-{Guid.NewGuid():N}";

        // Both fronts follow the session, so the silo's stream has a subscriber on the node that is about to die.
        await using var lostWatcher = await cluster.ConnectAsync(frontA, [OperatorScopes.Read], "session-scoped-events");
        await lostWatcher.CallOkAsync("sessions.messages.subscribe", new JsonObject { ["key"] = key });
        await using var watcher = await cluster.ConnectAsync(frontB, [OperatorScopes.Read], "session-scoped-events");
        await watcher.CallOkAsync("sessions.messages.subscribe", new JsonObject { ["key"] = key });
        await using var sender = await cluster.ConnectAsync(frontB);

        await LocalCluster.KillAsync(frontA.Pid);

        for (var turn = 0; turn < Turns; turn++)
        {
            var runId = $"front-loss-{turn}-{Guid.NewGuid():N}";
            var ack = await sender.CallOkAsync("chat.send", ClientCalls.ChatSend(key, $"turn {turn}", runId));
            Assert.Equal("started", (string?)ack["status"]);
            var sent = await sender.ChatEventsUntilTerminalAsync(runId, RunTimeout);
            var watched = await watcher.ChatEventsUntilTerminalAsync(runId, RunTimeout);
            Assert.Equal("final", (string?)sent[^1]["payload"]?["state"]);
            Assert.Equal(sent.Select(Payload), watched.Select(Payload));
        }

        await using var late = await cluster.ConnectAsync(frontB);
        var history = await late.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
        var userTurns = history["messages"]!.AsArray().Count(m => (string?)m?["role"] == "user");
        Assert.Equal(Turns, userTurns);
        Assert.True(LocalCluster.IsAlive(cluster.Silos[0].Pid), "the silo died with the front");
    }

    private static string Payload(JsonObject frame) => frame["payload"]!.ToJsonString();
}
