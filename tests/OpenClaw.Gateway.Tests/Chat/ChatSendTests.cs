using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Methods;

namespace OpenClaw.Gateway.Tests.Chat;

/// <summary>
/// chat.send over the real socket against a stub model (capture 02): the ack, then the run's chat/agent events in
/// order, the transcript in chat.history, dedupe by idempotency key, aborts, and who receives the events.
/// </summary>
public sealed class ChatSendTests(StubModelGateway fixture) : IClassFixture<StubModelGateway>
{
    [Fact]
    public async Task ChatSend_EchoRun_AckThenDeltasThenFinalInOrderWithoutSeqGaps()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey();
        var runId = $"run-{Guid.NewGuid():N}";

        await client.SendTextAsync(new JsonObject
        {
            ["type"] = "req", ["id"] = "send-1", ["method"] = "chat.send",
            ["params"] = new JsonObject { ["sessionKey"] = key, ["message"] = "hello there", ["idempotencyKey"] = runId },
        }.ToJsonString());

        var frames = new List<JsonObject>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!frames.Any(f => RunEvents.IsTerminal(f, runId)))
        {
            frames.Add(await client.ReceiveFrameAsync(deadline.Token));
        }

        var ackIndex = frames.FindIndex(f => (string?)f["type"] == "res" && (string?)f["id"] == "send-1");
        Assert.True(ackIndex >= 0, "no chat.send response");
        var ack = frames[ackIndex];
        Assert.True((bool?)ack["ok"]);
        Assert.Equal(runId, (string?)ack["payload"]?["runId"]);
        Assert.Equal("started", (string?)ack["payload"]?["status"]);

        var chat = frames.Select((f, i) => (Frame: f, Index: i))
            .Where(x => (string?)x.Frame["event"] == "chat" && (string?)x.Frame["payload"]?["runId"] == runId).ToList();
        var deltas = chat.Where(x => (string?)x.Frame["payload"]?["state"] == "delta").ToList();
        Assert.NotEmpty(deltas);
        Assert.All(deltas, d => Assert.True(d.Index > ackIndex, "a delta arrived before the ack"));
        var final = chat[^1].Frame["payload"]!.AsObject();
        Assert.Equal("final", (string?)final["state"]);
        Assert.Equal("stop", (string?)final["stopReason"]);
        Assert.Equal(key, (string?)final["sessionKey"]);
        Assert.Equal("main", (string?)final["agentId"]);
        Assert.Equal("assistant", (string?)final["message"]?["role"]);
        Assert.Equal("echo: hello there", (string?)final["message"]?["content"]?[0]?["text"]);
        Assert.Equal("echo: hello there", string.Concat(deltas.Select(d => (string?)d.Frame["payload"]?["deltaText"])));

        // Per-run seq: agent events strictly increasing; chat events share the seq of the agent event they mirror.
        var agentSeqs = frames.OfRun("agent", runId).Select(p => (long)p["seq"]!).ToList();
        Assert.NotEmpty(agentSeqs);
        Assert.Equal(agentSeqs.Order(), agentSeqs);
        Assert.Equal(agentSeqs.Count, agentSeqs.Distinct().Count());
        var chatSeqs = chat.Select(x => (long)x.Frame["payload"]!["seq"]!).ToList();
        Assert.Equal(chatSeqs.Order(), chatSeqs);

        // Per-connection seq: every event numbered, consecutive, nothing dropped.
        var connectionSeqs = frames.Where(f => (string?)f["type"] == "event").Select(f => (long)f["seq"]!).ToList();
        Assert.Equal(Enumerable.Range((int)connectionSeqs[0], connectionSeqs.Count).Select(i => (long)i), connectionSeqs);

        var lifecycle = frames.OfRun("agent", runId).Where(p => (string?)p["stream"] == "lifecycle").ToList();
        Assert.Equal("start", (string?)lifecycle[0]["data"]?["phase"]);
        Assert.Contains(lifecycle, p => (string?)p["data"]?["phase"] == "end");
        Assert.All(frames.OfRun("agent", runId), p =>
        {
            Assert.Equal(key, (string?)p["sessionKey"]);
            Assert.IsType<JsonObject>(p["data"]);
            Field.Number(p, "ts");
        });
    }

    [Fact]
    public async Task ChatSend_RepeatedIdempotencyKey_ReturnsInFlightWithSameRunId()
    {
        await using var client = await fixture.ConnectAsync();
        var request = new JsonObject
        {
            ["sessionKey"] = StubModelGateway.NewSessionKey(),
            ["message"] = "once",
            ["idempotencyKey"] = $"dup-{Guid.NewGuid():N}",
        };

        var first = await client.CallOkAsync("chat.send", request);
        var second = await client.CallOkAsync("chat.send", request);

        Assert.Equal("started", (string?)first["status"]);
        Assert.Equal("in_flight", (string?)second["status"]);
        Assert.Equal((string?)first["runId"], (string?)second["runId"]);
        await client.NextRunEventAsync("chat", (string)first["runId"]!, p => RunEvents.TerminalChatStates.Contains((string)p["state"]!));
        Assert.Equal(1, (await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = request["sessionKey"]!.DeepClone() }))["messages"]!.AsArray()
            .Count(m => (string?)m!["role"] == "user"));
    }

    [Fact]
    public async Task ChatHistory_AfterRun_HasUserStringRowAndAssistantPartsWithIds()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey();
        var runId = await SendAndWaitAsync(client, key, "history please");

        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });

        Assert.Equal(key, Field.String(history, "sessionKey"));
        Assert.True(Guid.TryParse(Field.String(history, "sessionId"), out _));
        Assert.Equal(2, Field.Number(history, "totalMessages"));
        Assert.False(Field.Bool(history, "hasMore"));
        Field.Object(history, "defaults");
        Assert.Equal(key, (string?)Field.Object(history, "sessionInfo")["key"]);
        Assert.Equal(0, Field.Number(Field.Object(history, "pendingInputs"), "total"));
        var messages = Field.Array(history, "messages");
        var user = messages[0]!.AsObject();
        Assert.Equal("user", (string?)user["role"]);
        Assert.Equal("history please", Field.String(user, "content"));
        Assert.Equal(1, Field.Number(Field.Object(user, "__openclaw"), "seq"));
        var assistant = messages[1]!.AsObject();
        Assert.Equal("assistant", (string?)assistant["role"]);
        Assert.Equal("text", (string?)assistant["content"]?[0]?["type"]);
        Assert.Equal("echo: history please", (string?)assistant["content"]?[0]?["text"]);
        Assert.Equal("stub", (string?)assistant["provider"]);
        Assert.Equal(2, Field.Number(Field.Object(assistant, "__openclaw"), "seq"));
        Field.String(Field.Object(assistant, "__openclaw"), "id");
        Assert.NotNull(runId);
    }

    [Fact]
    public async Task ChatHistory_UnknownSession_ReturnsEmptyMessages()
    {
        await using var client = await fixture.ConnectAsync([OperatorScopes.Read]);

        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = StubModelGateway.NewSessionKey("never") });

        Assert.Empty(Field.Array(history, "messages"));
        Assert.Equal(0, Field.Number(history, "totalMessages"));
        Assert.False(history.ContainsKey("sessionId"));
    }

    [Fact]
    public async Task ChatHistory_LimitOutOfRange_IsInvalidRequest()
    {
        await using var client = await fixture.ConnectAsync([OperatorScopes.Read]);

        var error = await client.CallErrorAsync("chat.history", new JsonObject { ["sessionKey"] = "main", ["limit"] = 1001 });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
    }

    [Fact]
    public async Task ChatAbort_MidStream_EndsTheRunAborted()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("abort");
        await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["model"] = StubModelGateway.SlowModelRef });
        var runId = $"slow-{Guid.NewGuid():N}";
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "go slowly", ["idempotencyKey"] = runId });
        await client.NextRunEventAsync("chat", runId, p => (string?)p["state"] == "delta");

        var abort = await client.CallOkAsync("chat.abort", new JsonObject { ["sessionKey"] = key, ["runId"] = runId });

        Assert.True(Field.Bool(abort, "ok"));
        Assert.True(Field.Bool(abort, "aborted"));
        Assert.Equal([runId], Field.Array(abort, "runIds").Select(n => (string?)n));
        var terminal = await client.NextRunEventAsync("chat", runId, p => RunEvents.TerminalChatStates.Contains((string)p["state"]!));
        Assert.Equal("aborted", (string?)terminal["payload"]?["state"]);
    }

    [Fact]
    public async Task ChatEvents_SecondClient_ReceivesTheRunOfTheFirst()
    {
        await using var sender = await fixture.ConnectAsync();
        await using var watcher = await fixture.ConnectAsync([OperatorScopes.Read]);
        var runId = $"bcast-{Guid.NewGuid():N}";

        await sender.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = StubModelGateway.NewSessionKey(), ["message"] = "for everyone", ["idempotencyKey"] = runId });

        var final = await watcher.NextRunEventAsync("chat", runId, p => (string?)p["state"] == "final");
        Assert.Equal("echo: for everyone", (string?)final["payload"]?["message"]?["content"]?[0]?["text"]);
        await watcher.NextRunEventAsync("agent", runId);
    }

    [Fact]
    public async Task SessionScopedClient_ReceivesOnlySessionsItFollows()
    {
        await using var sender = await fixture.ConnectAsync();
        await using var scoped = await fixture.ConnectAsync([OperatorScopes.Read], "session-scoped-events");
        var followed = StubModelGateway.NewSessionKey("followed");
        var ignored = StubModelGateway.NewSessionKey("ignored");
        var subscribed = await scoped.CallOkAsync("sessions.messages.subscribe", new JsonObject { ["key"] = followed });
        Assert.True(Field.Bool(subscribed, "subscribed"));

        var ignoredRun = $"ign-{Guid.NewGuid():N}";
        var followedRun = $"fol-{Guid.NewGuid():N}";
        await sender.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = ignored, ["message"] = "not for you", ["idempotencyKey"] = ignoredRun });
        await sender.NextRunEventAsync("chat", ignoredRun, p => (string?)p["state"] == "final");
        await sender.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = followed, ["message"] = "for you", ["idempotencyKey"] = followedRun });

        var frames = await scoped.UntilTerminalAsync(followedRun);
        Assert.DoesNotContain(frames, f => (string?)f["payload"]?["sessionKey"] == ignored);
        Assert.Contains(frames, f => (string?)f["event"] == "agent" && (string?)f["payload"]?["runId"] == followedRun);

        await scoped.CallOkAsync("sessions.messages.unsubscribe", new JsonObject { ["key"] = followed });
        var afterRun = $"aft-{Guid.NewGuid():N}";
        await sender.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = followed, ["message"] = "gone", ["idempotencyKey"] = afterRun });
        await sender.NextRunEventAsync("chat", afterRun, p => (string?)p["state"] == "final");
        var probe = await scoped.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = followed }); // a round trip after the run ended
        Assert.Equal(4, Field.Number(probe, "totalMessages"));
        Assert.DoesNotContain(scoped.Stashed, f => (string?)f["payload"]?["runId"] == afterRun);
    }

    [Fact]
    public async Task ChatSend_ReadOnlyClient_IsForbidden()
    {
        await using var reader = await fixture.ConnectAsync([OperatorScopes.Read]);

        var error = await reader.CallErrorAsync("chat.send", new JsonObject { ["sessionKey"] = "main", ["message"] = "x", ["idempotencyKey"] = "ro" });

        Assert.Equal(ErrorCodes.Forbidden, (string?)error["code"]);
        Assert.Equal("operator.write", (string?)error["details"]?["missingScope"]);
    }

    [Fact]
    public async Task ChatSend_UnknownProperty_IsInvalidRequest()
    {
        await using var client = await fixture.ConnectAsync();

        var error = await client.CallErrorAsync("chat.send", new JsonObject
        {
            ["sessionKey"] = "main", ["message"] = "x", ["idempotencyKey"] = "k", ["bogus"] = true,
        });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
        Assert.Contains("bogus", (string?)error["message"]);
    }

    [Fact]
    public async Task ChatSend_UnknownAgent_IsUnknownAgentId()
    {
        await using var client = await fixture.ConnectAsync();

        var error = await client.CallErrorAsync("chat.send", new JsonObject
        {
            ["sessionKey"] = "main", ["agentId"] = "nobody", ["message"] = "x", ["idempotencyKey"] = "k2",
        });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
        Assert.Equal("UNKNOWN_AGENT_ID", (string?)error["details"]?["code"]);
    }

    [Fact]
    public async Task ChatSend_BareKeyWithAgentId_RunsInThatAgentsSession()
    {
        await using var client = await fixture.ConnectAsync();
        var rest = $"bare-{Guid.NewGuid():N}";
        var runId = $"ops-{Guid.NewGuid():N}";

        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = rest, ["agentId"] = "ops", ["message"] = "hi ops", ["idempotencyKey"] = runId });

        var final = await client.NextRunEventAsync("chat", runId, p => (string?)p["state"] == "final");
        Assert.Equal($"agent:ops:{rest}", (string?)final["payload"]?["sessionKey"]);
        Assert.Equal("ops", (string?)final["payload"]?["agentId"]);
    }

    [Fact]
    public async Task ChatInject_AdminNote_AppearsInHistory()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("inject");

        var injected = await client.CallOkAsync("chat.inject", new JsonObject { ["sessionKey"] = key, ["message"] = "a note", ["label"] = "ops" });

        Assert.True(Field.Bool(injected, "ok"));
        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
        Assert.Contains("a note", (string?)history["messages"]?[0]?["content"]?[0]?["text"]);
    }

    internal static async Task<string> SendAndWaitAsync(Infrastructure.GatewayTestClient client, string key, string message)
    {
        var runId = $"run-{Guid.NewGuid():N}";
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = message, ["idempotencyKey"] = runId });
        var terminal = await client.NextRunEventAsync("chat", runId, p => RunEvents.TerminalChatStates.Contains((string)p["state"]!));
        Assert.Equal("final", (string?)terminal["payload"]?["state"]);
        return runId;
    }
}
