using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>Per-connection seq, ticks, presence, scope guards, the slow-consumer rule and the shutdown notice.</summary>
public sealed class EventDeliveryTests
{
    [Fact]
    public async Task Events_AfterHello_SeqStartsAtOneAndTicksArrive()
    {
        await using var gateway = await TestGateway.StartAsync(configureOptions: o => o.TickInterval = TimeSpan.FromMilliseconds(100));
        var (client, hello) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress);
        await using var ownedClient = client;
        Assert.Equal(100, hello.Policy.TickIntervalMs);

        var first = await client.NextAsync(f => (string?)f["type"] == "event");
        var tick = await client.NextEventAsync("tick");
        var next = await client.NextEventAsync("tick");

        Assert.Equal(1, (long?)first["seq"]);
        Assert.True(tick.Seq > 1 || (string?)first["event"] == "tick");
        Assert.Equal(tick.Seq + 1, next.Seq);
        Assert.True(tick.Payload!.Value.GetProperty("ts").GetInt64() > 0);
    }

    [Fact]
    public async Task Events_Broadcast_EveryConnectionCountsItsOwnSeq()
    {
        await using var gateway = await TestGateway.StartAsync();
        var (admin, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Admin));
        await using var ownedAdmin = admin;

        await admin.RequestAsync("test.broadcast", new JsonObject { ["event"] = "chat", ["count"] = 3 });
        var seqs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            seqs.Add((await admin.NextEventAsync("chat")).Seq!.Value);
        }

        Assert.Equal([seqs[0], seqs[0] + 1, seqs[0] + 2], seqs);
    }

    [Fact]
    public async Task Events_ScopeGuard_ReadEventsNotSentToScopelessClients()
    {
        await using var gateway = await TestGateway.StartAsync();
        var (admin, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Admin));
        await using var ownedAdmin = admin;
        var (scopeless, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress,
            ConnectParamsBuilder.Build("openclaw-tui", "ui", GatewayTestClient.DefaultToken, [OperatorScopes.Read]));
        await using var ownedScopeless = scopeless;

        await admin.RequestAsync("test.broadcast", new JsonObject { ["event"] = "chat", ["count"] = 1 });
        await admin.RequestAsync("test.broadcast", new JsonObject { ["event"] = "heartbeat", ["count"] = 1 });

        var heartbeat = await scopeless.NextEventAsync("heartbeat");
        Assert.DoesNotContain(scopeless.Stashed, f => (string?)f["event"] == "chat");
        Assert.NotNull(heartbeat.Seq);
    }

    [Fact]
    public async Task Events_ClientConnects_PresenceBroadcastWithStateVersion()
    {
        await using var gateway = await TestGateway.StartAsync();
        var (watcher, hello) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var ownedWatcher = watcher;

        var other = ConnectParamsBuilder.Backend(scopes: OperatorScopes.Read);
        var instanceId = (string)other["client"]!["instanceId"]!;
        var (joiner, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, other);

        var joined = await watcher.NextAsync(f => (string?)f["event"] == "presence" &&
            f["payload"]!["presence"]!.AsArray().Any(p => (string?)p!["instanceId"] == instanceId));
        await joiner.DisposeAsync();
        var joinedVersion = (long)joined["stateVersion"]!["presence"]!;
        var left = await watcher.NextAsync(f => (string?)f["event"] == "presence" && (long)f["stateVersion"]!["presence"]! > joinedVersion &&
            f["payload"]!["presence"]!.AsArray().All(p => (string?)p!["instanceId"] != instanceId));

        Assert.True((long)joined["stateVersion"]!["presence"]! > hello.Snapshot.StateVersion.Presence, $"{joined.ToJsonString()} vs {hello.Snapshot.StateVersion}");
        Assert.DoesNotContain(left["payload"]!["presence"]!.AsArray(), p => (string?)p!["instanceId"] == instanceId);
    }

    [Fact]
    public async Task Events_ClientStopsReading_ClosedAsSlowConsumer()
    {
        await using var gateway = await TestGateway.StartAsync(configureOptions: o =>
        {
            o.MaxBufferedBytes = 256 * 1024;
            o.CloseTimeout = TimeSpan.FromSeconds(30);
        });
        var (reader, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var ownedReader = reader;
        var (bystander, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress,
            ConnectParamsBuilder.Build("openclaw-tui", "ui", GatewayTestClient.DefaultToken, [OperatorScopes.Read]));
        await using var ownedBystander = bystander;
        var events = gateway.Services.GetRequiredService<IGatewayEventBroadcaster>();

        // The reader reads nothing while ~16 MB of events are queued for it (more than socket buffers absorb).
        var payload = new ShutdownEvent(new string('x', 64 * 1024));
        for (var i = 0; i < 256; i++)
        {
            events.Broadcast("chat", payload, ProtocolJson.Default.ShutdownEvent);
        }

        var (code, reason, _) = await reader.WaitForCloseAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1008, code);
        Assert.Equal("slow consumer", reason);
        Assert.True((await bystander.RequestAsync("test.open", new JsonObject())).Ok);
    }

    [Fact]
    public async Task Events_DropIfSlowOverflow_SkippedWithSeqGapAndConnectionKept()
    {
        await using var gateway = await TestGateway.StartAsync(configureOptions: o => o.MaxBufferedBytes = 256 * 1024);
        var (admin, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Admin));
        await using var ownedAdmin = admin;

        var sent = await admin.RequestAsync("test.broadcast",
            new JsonObject { ["event"] = "chat", ["count"] = 256, ["payloadBytes"] = 64 * 1024, ["dropIfSlow"] = true });
        var echo = await admin.RequestAsync("test.echo", new JsonObject { ["text"] = "alive" });
        await admin.RequestAsync("test.broadcast", new JsonObject { ["event"] = "heartbeat", ["count"] = 1 });
        var marker = await admin.NextEventAsync("heartbeat");

        Assert.True(sent.Ok);
        Assert.True(echo.Ok);
        var chat = admin.Stashed.Where(f => (string?)f["event"] == "chat").Select(f => (long)f["seq"]!).ToList();
        Assert.InRange(chat.Count, 1, 255);
        var seqs = chat.Append(marker.Seq!.Value).ToList();
        Assert.True(seqs.Zip(seqs.Skip(1)).Any(pair => pair.Second - pair.First > 1), "a dropped event leaves a seq gap");
        Assert.Equal(seqs.Order(), seqs);
    }

    [Fact]
    public async Task Events_GracefulStop_ShutdownEventThenClose1012()
    {
        var gateway = await TestGateway.StartAsync();
        var (client, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var ownedClient = client;

        var stopping = gateway.DisposeAsync().AsTask();
        var (code, reason, frames) = await client.WaitForCloseAsync();
        await stopping.WaitAsync(GatewayTestClient.DefaultTimeout);

        var shutdown = Assert.Single(frames, f => (string?)f["event"] == "shutdown");
        Assert.Equal("""{"reason":"gateway stopping"}""", shutdown["payload"]!.ToJsonString());
        Assert.NotNull(shutdown["seq"]);
        Assert.Equal(1012, code);
        Assert.Equal("gateway stopping", reason);
    }
}
