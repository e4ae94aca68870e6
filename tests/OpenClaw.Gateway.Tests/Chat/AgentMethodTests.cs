using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Methods;

namespace OpenClaw.Gateway.Tests.Chat;

/// <summary>
/// <c>agent</c> and <c>agent.wait</c> (captures 02, 14, 28): two responses on one request id, the final result shape
/// the CLI reads, dedupe, waits that end ok, time out or stay pending, and the admin rule for reset commands.
/// </summary>
public sealed class AgentMethodTests(StubModelGateway fixture) : IClassFixture<StubModelGateway>
{
    [Fact]
    public async Task Agent_OneRequest_AnswersAcceptedThenFinalOnTheSameId()
    {
        await using var client = await fixture.ConnectAsync([OperatorScopes.Write]);
        var key = StubModelGateway.NewSessionKey("agent");
        var runId = Guid.NewGuid().ToString();

        var accepted = await client.RequestAsync("agent", new JsonObject
        {
            ["message"] = "hello there", ["sessionKey"] = key, ["deliver"] = false, ["timeout"] = 90, ["idempotencyKey"] = runId,
        }, id: "agent-1");
        var final = await client.ResponseAsync("agent-1", TimeSpan.FromSeconds(20));

        Assert.True(accepted.Ok);
        var acceptedPayload = JsonNode.Parse(accepted.Payload!.Value.GetRawText())!.AsObject();
        Assert.Equal(runId, Field.String(acceptedPayload, "runId"));
        Assert.Equal(key, Field.String(acceptedPayload, "sessionKey"));
        Assert.Equal("main", Field.String(acceptedPayload, "agentId"));
        Assert.Equal("accepted", Field.String(acceptedPayload, "status"));
        Field.Number(acceptedPayload, "acceptedAt");

        Assert.True(final.Ok);
        var payload = JsonNode.Parse(final.Payload!.Value.GetRawText())!.AsObject();
        Assert.Equal(runId, Field.String(payload, "runId"));
        Assert.Equal("ok", Field.String(payload, "status"));
        Assert.Equal("completed", Field.String(payload, "summary"));
        var result = Field.Object(payload, "result");
        var first = Field.Array(result, "payloads")[0]!.AsObject();
        Assert.Equal("echo: hello there", Field.String(first, "text"));
        Field.Null(first, "mediaUrl");
        var agentMeta = Field.Object(Field.Object(result, "meta"), "agentMeta");
        Assert.Equal("stub", Field.String(agentMeta, "provider"));
        Assert.Equal(StubModelGateway.EchoModel, Field.String(agentMeta, "model"));
        Field.String(agentMeta, "sessionId");
        var usage = Field.Object(agentMeta, "usage");
        foreach (var name in new[] { "input", "output", "cacheRead", "cacheWrite", "total" }) Field.Number(usage, name);
    }

    [Fact]
    public async Task Agent_NoSessionKey_RunsInTheAgentsMainSession()
    {
        await using var client = await fixture.ConnectAsync();

        var accepted = await client.RequestAsync("agent", new JsonObject { ["message"] = "main?", ["agentId"] = "ops", ["idempotencyKey"] = Guid.NewGuid().ToString() }, id: "agent-main");
        var final = await client.ResponseAsync("agent-main", TimeSpan.FromSeconds(20));

        Assert.Equal("agent:ops:main", (string?)JsonNode.Parse(accepted.Payload!.Value.GetRawText())?["sessionKey"]);
        Assert.True(final.Ok);
    }

    [Fact]
    public async Task Agent_RepeatedKeyWhileRunning_AnswersInFlight()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("agent-dup");
        await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["model"] = StubModelGateway.SlowModelRef });
        var runId = Guid.NewGuid().ToString();
        var request = new JsonObject { ["message"] = "slow", ["sessionKey"] = key, ["idempotencyKey"] = runId };
        await client.RequestAsync("agent", request, id: "slow-first");

        var repeat = await client.CallOkAsync("agent", request);

        Assert.Equal(runId, Field.String(repeat, "runId"));
        Assert.Equal("in_flight", Field.String(repeat, "status"));
        await client.CallOkAsync("chat.abort", new JsonObject { ["sessionKey"] = key });
        var final = await client.ResponseAsync("slow-first", TimeSpan.FromSeconds(20));
        Assert.Equal("aborted", (string?)JsonNode.Parse(final.Payload!.Value.GetRawText())?["summary"]);
    }

    [Fact]
    public async Task AgentWait_AfterRunEnded_ReturnsOkWithTerminalReply()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("wait");
        var runId = await ChatSendTests.SendAndWaitAsync(client, key, "wait for me");

        var wait = await client.CallOkAsync("agent.wait", new JsonObject { ["runId"] = runId, ["timeoutMs"] = 5000 });

        Assert.Equal(runId, Field.String(wait, "runId"));
        Assert.Equal("ok", Field.String(wait, "status"));
        Field.Number(wait, "startedAt");
        Field.Number(wait, "endedAt");
        Assert.Equal("stop", Field.String(wait, "stopReason"));
        var reply = Field.Object(wait, "terminalReply");
        Assert.Equal("visible", Field.String(reply, "disposition"));
        Assert.Equal("echo: wait for me", Field.String(reply, "text"));
    }

    [Fact]
    public async Task AgentWait_WhileRunGoes_ResolvesWhenItEnds()
    {
        await using var client = await fixture.ConnectAsync();
        var runId = Guid.NewGuid().ToString();
        await client.RequestAsync("agent", new JsonObject
        {
            ["message"] = "wait along", ["sessionKey"] = StubModelGateway.NewSessionKey("wait-live"), ["idempotencyKey"] = runId,
        }, id: "live-agent");

        var wait = await client.CallOkAsync("agent.wait", new JsonObject { ["runId"] = runId, ["timeoutMs"] = 15000 });

        Assert.Equal("ok", Field.String(wait, "status"));
        Assert.Equal("echo: wait along", (string?)wait["terminalReply"]?["text"]);
        Assert.True((await client.ResponseAsync("live-agent", TimeSpan.FromSeconds(20))).Ok);
    }

    [Fact]
    public async Task AgentWait_RunStillGoing_ReturnsTimeoutAndLeavesTheRunAlone()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("wait-slow");
        await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["model"] = StubModelGateway.SlowModelRef });
        var runId = $"slow-{Guid.NewGuid():N}";
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "take time", ["idempotencyKey"] = runId });

        var wait = await client.CallOkAsync("agent.wait", new JsonObject { ["runId"] = runId, ["timeoutMs"] = 200 });

        Assert.Equal("timeout", Field.String(wait, "status"));
        await client.NextRunEventAsync("chat", runId, p => (string?)p["state"] == "delta");
        await client.CallOkAsync("chat.abort", new JsonObject { ["sessionKey"] = key, ["runId"] = runId });
    }

    [Fact]
    public async Task AgentWait_UnknownRun_ReturnsPendingAtTheTimeout()
    {
        await using var client = await fixture.ConnectAsync();

        var wait = await client.CallOkAsync("agent.wait", new JsonObject { ["runId"] = $"nobody-{Guid.NewGuid():N}", ["timeoutMs"] = 100 });

        Assert.Equal("pending", Field.String(wait, "status"));
    }

    [Fact]
    public async Task Agent_ResetCommandWithoutAdmin_IsForbidden()
    {
        await using var client = await fixture.ConnectAsync([OperatorScopes.Write]);

        var error = await client.CallErrorAsync("agent", new JsonObject { ["message"] = "/reset", ["idempotencyKey"] = Guid.NewGuid().ToString() });

        Assert.Equal(ErrorCodes.Forbidden, (string?)error["code"]);
        Assert.Equal(OperatorScopes.Admin, (string?)error["details"]?["missingScope"]);
    }

    [Fact]
    public async Task Agent_ResetCommandAsAdmin_StartsANewSessionThenRunsTheRest()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("reset-cmd");
        await ChatSendTests.SendAndWaitAsync(client, key, "before");

        await client.RequestAsync("agent", new JsonObject { ["message"] = "/new after", ["sessionKey"] = key, ["idempotencyKey"] = Guid.NewGuid().ToString() }, id: "reset-run");
        var final = await client.ResponseAsync("reset-run", TimeSpan.FromSeconds(20));

        Assert.Equal("echo: after", (string?)JsonNode.Parse(final.Payload!.Value.GetRawText())?["result"]?["payloads"]?[0]?["text"]);
        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
        Assert.Equal(2, Field.Number(history, "totalMessages"));
    }
}
