using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Chat;
using OpenClaw.Gateway.Tests.Methods;

namespace OpenClaw.Gateway.Tests.Sessions;

/// <summary>
/// sessions.preview/patch/reset/delete/compact and sessions.subscribe over the real socket: each reaches the session
/// grain, answers the documented shape, needs its scope, and announces the change as <c>sessions.changed</c>.
/// </summary>
public sealed class SessionsManagementTests(StubModelGateway fixture) : IClassFixture<StubModelGateway>
{
    [Fact]
    public async Task SessionsPatch_SetThenNullClears_AndSubscribersSeeSessionsChanged()
    {
        await using var client = await fixture.ConnectAsync();
        await using var watcher = await fixture.ConnectAsync([OperatorScopes.Read]);
        Assert.True(Field.Bool(await watcher.CallOkAsync("sessions.subscribe", new JsonObject()), "subscribed"));
        var key = StubModelGateway.NewSessionKey("patch");

        var set = await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["label"] = "Work", ["pinned"] = true, ["thinkingLevel"] = "high" });
        var changed = await watcher.NextAsync(f => (string?)f["event"] == "sessions.changed" && (string?)f["payload"]?["sessionKey"] == key);
        var cleared = await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["label"] = null });

        Assert.True(Field.Bool(set, "ok"));
        Assert.Equal(key, Field.String(set, "key"));
        var entry = Field.Object(set, "entry");
        Assert.Equal("Work", Field.String(entry, "label"));
        Assert.True(Field.Bool(entry, "pinned"));
        Assert.Equal("high", Field.String(entry, "thinkingLevel"));
        Assert.Equal("patch", (string?)changed["payload"]?["reason"]);
        Assert.Equal(key, (string?)changed["payload"]?["session"]?["key"]);
        var after = Field.Object(cleared, "entry");
        Assert.False(after.ContainsKey("label"));
        Assert.True(Field.Bool(after, "pinned"));
        Assert.Equal("high", Field.String(after, "thinkingLevel"));
    }

    [Fact]
    public async Task SessionsChanged_NotSubscribed_IsNotDelivered()
    {
        await using var client = await fixture.ConnectAsync();
        await using var bystander = await fixture.ConnectAsync([OperatorScopes.Read]);
        var key = StubModelGateway.NewSessionKey("quiet");

        await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["label"] = "x" });
        await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["label"] = "y" });
        await bystander.CallOkAsync("sessions.preview", new JsonObject { ["keys"] = new JsonArray(key) }); // a round trip after the changes

        Assert.DoesNotContain(bystander.Stashed, f => (string?)f["event"] == "sessions.changed");
    }

    [Fact]
    public async Task SessionsPatch_WriteScopeSuffices_ButResetDeleteCompactNeedAdmin()
    {
        await using var writer = await fixture.ConnectAsync([OperatorScopes.Write]);
        var key = StubModelGateway.NewSessionKey("scopes");

        await writer.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["label"] = "w" });

        foreach (var method in new[] { "sessions.reset", "sessions.delete", "sessions.compact" })
        {
            var error = await writer.CallErrorAsync(method, new JsonObject { ["key"] = key });
            Assert.Equal(ErrorCodes.Forbidden, (string?)error["code"]);
            Assert.Equal(OperatorScopes.Admin, (string?)error["details"]?["missingScope"]);
        }
    }

    [Fact]
    public async Task SessionsReset_AfterATurn_StartsANewEmptyTranscript()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("reset");
        await ChatSendTests.SendAndWaitAsync(client, key, "old turn");
        var before = Field.String(await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key }), "sessionId");

        var reset = await client.CallOkAsync("sessions.reset", new JsonObject { ["key"] = key, ["reason"] = "new" });

        Assert.True(Field.Bool(reset, "ok"));
        var sessionId = Field.String(Field.Object(reset, "entry"), "sessionId");
        Assert.NotEqual(before, sessionId);
        var history = await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
        Assert.Equal(sessionId, Field.String(history, "sessionId"));
        Assert.Empty(Field.Array(history, "messages"));
    }

    [Fact]
    public async Task SessionsDelete_ExistingSession_IsGoneFromHistoryAndList()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("delete");
        await ChatSendTests.SendAndWaitAsync(client, key, "short-lived");

        var deleted = await client.CallOkAsync("sessions.delete", new JsonObject { ["key"] = key });
        var again = await client.CallOkAsync("sessions.delete", new JsonObject { ["key"] = key });

        Assert.True(Field.Bool(deleted, "deleted"));
        Assert.Single(Field.Array(deleted, "archived"));
        Assert.False(Field.Bool(again, "deleted"));
        Assert.Empty(Field.Array(await client.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key }), "messages"));
        var list = await client.CallOkAsync("sessions.list", new JsonObject { ["limit"] = 1000 });
        Assert.DoesNotContain(Field.Array(list, "sessions"), row => (string?)row!["key"] == key);
    }

    [Fact]
    public async Task SessionsDelete_WrongExpectedSessionId_IsInvalidRequest()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("delete-cas");
        await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["label"] = "keep" });

        var error = await client.CallErrorAsync("sessions.delete", new JsonObject { ["key"] = key, ["expectedSessionId"] = Guid.NewGuid().ToString() });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
    }

    [Fact]
    public async Task SessionsCompact_NoSession_AnswersNotCompactedWithReason()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("compact");

        var result = await client.CallOkAsync("sessions.compact", new JsonObject { ["key"] = key });

        Assert.True(Field.Bool(result, "ok"));
        Assert.Equal(key, Field.String(result, "key"));
        Assert.False(Field.Bool(result, "compacted"));
        Field.String(result, "reason");
    }

    [Fact]
    public async Task SessionsCompact_AfterTurns_CompactsWithTheModel()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("compact-run");
        for (var i = 0; i < 3; i++) await ChatSendTests.SendAndWaitAsync(client, key, $"turn {i}");

        var result = await client.CallOkAsync("sessions.compact", new JsonObject { ["key"] = key, ["maxLines"] = 2 });

        Assert.True(Field.Bool(result, "ok"));
        Assert.True(Field.Bool(result, "compacted"), result.ToJsonString());
        Field.Object(result, "result");
    }

    [Fact]
    public async Task SessionsPreview_KnownEmptyAndBadKeys_EachGetTheirStatus()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("preview");
        await ChatSendTests.SendAndWaitAsync(client, key, "preview me please");
        var missing = StubModelGateway.NewSessionKey("missing");

        var result = await client.CallOkAsync("sessions.preview", new JsonObject
        {
            ["keys"] = new JsonArray(key, missing, "agent:BAD KEY"), ["limit"] = 1, ["maxChars"] = 20,
        });

        Field.Number(result, "ts");
        var previews = Field.Array(result, "previews");
        Assert.Equal(3, previews.Count);
        Assert.Equal("ok", (string?)previews[0]?["status"]);
        var items = previews[0]!["items"]!.AsArray();
        Assert.Single(items);
        Assert.Equal("assistant", (string?)items[0]?["role"]);
        Assert.Equal("echo: preview me ple", (string?)items[0]?["text"]);
        Assert.Equal("missing", (string?)previews[1]?["status"]);
        Assert.Equal("error", (string?)previews[2]?["status"]);
    }

    [Fact]
    public async Task SessionsList_DuringARun_ShowsItActive()
    {
        await using var client = await fixture.ConnectAsync();
        var key = StubModelGateway.NewSessionKey("active");
        await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["model"] = StubModelGateway.SlowModelRef });
        var runId = $"act-{Guid.NewGuid():N}";
        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = key, ["message"] = "busy", ["idempotencyKey"] = runId });
        await client.NextRunEventAsync("chat", runId, p => (string?)p["state"] == "delta");

        var list = await client.CallOkAsync("sessions.list", new JsonObject { ["limit"] = 1000 });

        var row = Field.Array(list, "sessions").Single(r => (string?)r!["key"] == key)!.AsObject();
        Assert.True(Field.Bool(row, "hasActiveRun"));
        Assert.Equal([runId], Field.Array(row, "activeRunIds").Select(n => (string?)n));
        await client.CallOkAsync("chat.abort", new JsonObject { ["sessionKey"] = key });
    }
}
