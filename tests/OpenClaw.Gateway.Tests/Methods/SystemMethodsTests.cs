using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>
/// health, status, system-presence and last-heartbeat through the real WebSocket, checked field by field against
/// what the real CLI reads (client notes §4; captures 08–11).
/// </summary>
public sealed class SystemMethodsTests(FoundationGatewayFixture fixture) : IClassFixture<FoundationGatewayFixture>
{
    [Fact]
    public async Task Health_BackendClient_ReturnsEveryFieldTheCliReads()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress, ConnectParamsBuilder.Backend(scopes: OperatorScopes.Read));
        await using var _ = client;

        var health = await client.CallOkAsync("health", new JsonObject());

        Assert.True(Field.Bool(health, "ok"));
        Field.Number(health, "ts");
        Assert.True(Field.Number(health, "durationMs") >= 0);
        Assert.Equal("main", Field.String(health, "defaultAgentId"));
        Assert.Equal(0, Field.Number(health, "heartbeatSeconds"));
        Assert.Equal("active", Field.String(Field.Object(health, "configReload"), "hotReloadStatus"));
        var plugins = Field.Object(health, "plugins");
        Field.Array(plugins, "loaded");
        Assert.Empty(Field.Array(plugins, "errors"));
        Field.Array(plugins, "unavailable");
        var modelRuntime = Field.Object(health, "modelRuntime");
        Assert.False(Field.Bool(modelRuntime, "degraded"));
        Assert.Empty(Field.Array(modelRuntime, "pendingAgents"));
        AssertEventLoop(Field.Object(health, "eventLoop"));

        Assert.Equal(["telegram", "discord"], Field.Array(health, "channelOrder").Select(n => n!.GetValue<string>()));
        Assert.Equal("Telegram", Field.String(Field.Object(health, "channelLabels"), "telegram"));
        var telegram = Field.Object(Field.Object(health, "channels"), "telegram");
        Assert.True(Field.Bool(telegram, "configured"));
        Assert.False(Field.Bool(telegram, "running"));

        var agents = Field.Array(health, "agents").Select(a => a!.AsObject()).ToList();
        Assert.Equal(["main", "ops"], agents.Select(a => Field.String(a, "agentId")));
        Assert.True(Field.Bool(agents[0], "isDefault"));
        Assert.False(Field.Bool(agents[1], "isDefault"));
        foreach (var agent in agents)
        {
            var heartbeat = Field.Object(agent, "heartbeat");
            Assert.False(Field.Bool(heartbeat, "enabled"));
            Assert.Equal("disabled", Field.String(heartbeat, "every"));
            Field.Null(heartbeat, "everyMs");
            AssertSessionStore(Field.Object(agent, "sessions"));
        }

        AssertSessionStore(Field.Object(health, "sessions"));
    }

    [Fact]
    public async Task Health_ConnectionWithoutScopes_IsAllowed()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress, ConnectParamsBuilder.Backend());
        await using var _ = client;

        var health = await client.CallOkAsync("health");

        Assert.True(Field.Bool(health, "ok"));
    }

    [Fact]
    public async Task Health_Probe_ReflectsSessionsUpsertedSinceTheCachedSummary()
    {
        await using var client = await fixture.ConnectReaderAsync();
        var before = await client.CallOkAsync("health", new JsonObject());
        var opsBefore = OpsSessions(before);
        var updatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await fixture.SessionIndex("ops").UpsertAsync(new SessionEntry
        {
            Key = $"agent:ops:health-{Guid.NewGuid():N}",
            SessionId = Guid.NewGuid().ToString(),
            UpdatedAt = updatedAt,
        });
        var after = await client.CallOkAsync("health", new JsonObject { ["probe"] = true });

        var opsAfter = OpsSessions(after);
        Assert.Equal(Field.Number(opsBefore, "count") + 1, Field.Number(opsAfter, "count"));
        var newest = Field.Array(opsAfter, "recent")[0]!.AsObject();
        Assert.Equal(updatedAt, (long)Field.Number(newest, "updatedAt"));
        Assert.True(Field.Number(newest, "age") >= 0);
        Field.String(newest, "key");

        static JsonObject OpsSessions(JsonObject health) =>
            Field.Object(Field.Array(health, "agents").Single(a => (string?)a!["agentId"] == "ops")!.AsObject(), "sessions");
    }

    [Fact]
    public async Task HelloOk_Snapshot_CarriesTheHealthSummary()
    {
        var (client, hello) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var _ = client;

        var health = hello.Snapshot.Health.AsObject();

        Assert.Equal("main", Field.String(health, "defaultAgentId"));
        Field.Array(health, "agents");
        Field.Object(health, "eventLoop");
    }

    [Fact]
    public async Task Status_CliProjectionRequested_ReturnsEveryFieldTheCliReads()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var status = await client.CallOkAsync("status", new JsonObject { ["includeChannelSummary"] = false, ["includeCliProjection"] = true });

        Assert.Equal("2026.9.6", Field.String(status, "runtimeVersion"));
        var projection = Field.Object(status, "cliProjection");
        var agents = Field.Object(projection, "agents");
        Assert.Equal("main", Field.String(agents, "defaultId"));
        Assert.Equal("explicit", Field.String(agents, "ownership"));
        Assert.False(Field.Bool(agents, "selectionRequired"));
        Assert.Equal(["main", "ops"], Field.Array(agents, "rows").Select(r => (string?)r!["id"]));
        Assert.False(Field.Bool(Field.Object(projection, "memoryPlugin"), "enabled"));

        var heartbeat = Field.Object(status, "heartbeat");
        Assert.Equal("main", Field.String(heartbeat, "defaultAgentId"));
        var mainHeartbeat = Field.Array(heartbeat, "agents")[0]!.AsObject();
        Assert.Equal("main", Field.String(mainHeartbeat, "agentId"));
        Assert.False(Field.Bool(mainHeartbeat, "enabled"));
        Assert.Equal("disabled", Field.String(mainHeartbeat, "every"));
        Field.Null(mainHeartbeat, "everyMs");

        Assert.Empty(Field.Array(status, "channelSummary"));
        Assert.Empty(Field.Array(status, "queuedSystemEvents"));
        Assert.Empty(Field.Array(status, "degradedSecretOwners"));
        Assert.Empty(Field.Array(status, "degradedPlugins"));

        var sessions = Field.Object(status, "sessions");
        Field.Number(sessions, "count");
        var byAgent = Field.Array(sessions, "byAgent").Select(a => a!.AsObject()).ToList();
        Assert.Equal(["main", "ops"], byAgent.Select(a => Field.String(a, "agentId")));
        foreach (var agent in byAgent)
        {
            Field.Number(agent, "count");
            Field.String(agent, "path");
            Field.Array(agent, "recent");
        }

        var defaults = Field.Object(sessions, "defaults");
        Assert.Equal("stub-echo", Field.String(defaults, "model"));
        Assert.Equal(128000, Field.Number(defaults, "contextTokens"));

        AssertEventLoop(Field.Object(status, "eventLoop"));
        var memory = Field.Object(status, "processMemory");
        Assert.True(Field.Number(memory, "rssBytes") > 0);
        Assert.True(Field.Number(memory, "heapUsedBytes") > 0);
        Assert.True(Field.Number(memory, "heapTotalBytes") > 0);
        var desktop = Field.Object(status, "hostDesktop");
        Assert.False(Field.Bool(desktop, "enabled"));
        Assert.Equal("disabled", Field.String(desktop, "state"));
        Assert.False(Field.Bool(Field.Object(status, "modelRuntime"), "degraded"));
        Assert.Equal(Environment.ProcessId, (int)Field.Number(status, "pid"));
    }

    [Fact]
    public async Task Status_WithoutProjection_OmitsItAndListsChannelSummaryWhenAsked()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var status = await client.CallOkAsync("status", new JsonObject { ["includeChannelSummary"] = true });

        Assert.False(status.ContainsKey("cliProjection"));
        var lines = Field.Array(status, "channelSummary").Select(l => l!.GetValue<string>()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Telegram: configured", lines[0]);
    }

    [Fact]
    public async Task Status_UnknownParam_IsInvalidRequest()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var error = await client.CallErrorAsync("status", new JsonObject { ["verbose"] = true });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
        Assert.StartsWith("invalid status params", (string?)error["message"]);
    }

    [Fact]
    public async Task SystemPresence_ReturnsThisGatewayAndTheCaller()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var frame = await client.CallRawAsync("system-presence");

        Assert.True((bool?)frame["ok"]);
        var entries = Assert.IsType<JsonArray>(frame["payload"]).Select(e => e!.AsObject()).ToList();
        Assert.Contains(entries, e => (string?)e["mode"] == "gateway" && (string?)e["reason"] == "self");
        Assert.Contains(entries, e => (string?)e["mode"] == "cli");
        Assert.All(entries, e => Field.Number(e, "ts"));
    }

    [Fact]
    public async Task LastHeartbeat_NoHeartbeatYet_ReturnsNullPayload()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var frame = await client.CallRawAsync("last-heartbeat");

        Assert.True((bool?)frame["ok"]);
        Field.Null(frame, "payload");
    }

    private static void AssertSessionStore(JsonObject store)
    {
        Field.String(store, "path");
        Field.Number(store, "count");
        Field.Array(store, "recent");
    }

    private static void AssertEventLoop(JsonObject eventLoop)
    {
        Field.Bool(eventLoop, "degraded");
        Assert.True(eventLoop.ContainsKey("degradedSinceMs"));
        Field.Array(eventLoop, "reasons");
        Assert.True(Field.Number(eventLoop, "intervalMs") >= 0);
        Assert.True(Field.Number(eventLoop, "delayP99Ms") >= 0);
        Assert.True(Field.Number(eventLoop, "delayMaxMs") >= Field.Number(eventLoop, "delayP99Ms"));
        Assert.InRange(Field.Number(eventLoop, "utilization"), 0, 1);
        Assert.True(Field.Number(eventLoop, "cpuCoreRatio") >= 0);
        if (!Field.Bool(eventLoop, "degraded"))
        {
            Field.Null(eventLoop, "degradedSinceMs");
        }
    }
}
