using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Tools;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Tools;

/// <summary>
/// The sessions_* tools over real grain calls in an embedded silo: the real session index, and a recording stand-in
/// for the chat session grain. Each test uses its own agent id so they can share the silo.
/// </summary>
[Collection(ToolsSiloCollection.Name)]
public sealed class SessionsToolsTests(ToolsSilo silo) : IDisposable
{
    private readonly string _agent = $"t{Guid.NewGuid():N}"[..20];
    private readonly TempDirectory _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private IAgentTool Tool(string name) => silo.Services.GetRequiredService<IEnumerable<IAgentTool>>().Single(t => t.Name == name);

    private Task<ToolResult> InvokeAsync(string tool, string arguments, string? sessionKey = null) =>
        Tool(tool).InvokeAsync(arguments, _workspace.Path, silo.Grains, sessionKey ?? $"agent:{_agent}:main", _agent);

    private async Task AddSessionAsync(string rest, long updatedAt, string? label = null)
    {
        var index = silo.Grains.GetGrain<ISessionIndexGrain>(GrainKeys.SessionIndex(_agent));
        await index.UpsertAsync(new SessionEntry { Key = $"agent:{_agent}:{rest}", SessionId = $"sid-{rest}", Label = label, UpdatedAt = updatedAt })
            .WaitAsync(ToolTestTimeouts.Default);
    }

    [Fact]
    public async Task SessionsList_ReturnsTheAgentsSessionsNewestFirst()
    {
        await AddSessionAsync("older", 1000);
        await AddSessionAsync("newer", 2000, label: "Work");

        var result = await InvokeAsync(ToolNames.SessionsList, "{}");

        Assert.False(result.IsError, result.Content);
        var json = JsonNode.Parse(result.Content)!;
        Assert.Equal(2, (int?)json["total"]);
        var sessions = json["sessions"]!.AsArray();
        Assert.Equal([$"agent:{_agent}:newer", $"agent:{_agent}:older"], sessions.Select(s => (string?)s!["key"]));
        Assert.Equal("Work", (string?)sessions[0]!["label"]);
        Assert.Null(sessions[1]!["label"]);
    }

    [Fact]
    public async Task SessionsList_SearchAndLimit_AreApplied()
    {
        await AddSessionAsync("alpha", 1000);
        await AddSessionAsync("beta", 2000);
        await AddSessionAsync("alphabet", 3000);

        var result = await InvokeAsync(ToolNames.SessionsList, """{"search":"alpha","limit":1}""");

        var json = JsonNode.Parse(result.Content)!;
        Assert.Equal(2, (int?)json["total"]);
        Assert.Equal(1, (int?)json["count"]);
        Assert.Equal($"agent:{_agent}:alphabet", (string?)json["sessions"]![0]!["key"]);
    }

    [Fact]
    public async Task SessionsList_BadLimit_IsAnError()
    {
        var result = await InvokeAsync(ToolNames.SessionsList, """{"limit":0}""");

        Assert.True(result.IsError);
        Assert.Contains("'limit' must be between 1 and 100", result.Content);
    }

    [Fact]
    public async Task SessionsHistory_ReturnsRoleAndTextOfTheLatestMessages()
    {
        var key = $"agent:{_agent}:other";
        silo.Recorder.Histories[key] =
        [
            ChatMessage.User("first question", 1),
            RecordingChatSessionGrain.Assistant("first answer", "exec"),
            new ChatMessage { Role = ChatRoles.ToolResult, Content = [new TextPart("tool output")], ToolName = "exec" },
            ChatMessage.User("second question", 2),
        ];

        var result = await InvokeAsync(ToolNames.SessionsHistory, """{"sessionKey":"other","limit":3}""");

        Assert.False(result.IsError, result.Content);
        var json = JsonNode.Parse(result.Content)!;
        Assert.Equal(key, (string?)json["sessionKey"]);
        var messages = json["messages"]!.AsArray();
        Assert.Equal(["assistant", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal("first answer", (string?)messages[0]!["text"]);
        Assert.Equal("exec", (string?)messages[0]!["toolCalls"]![0]);
    }

    [Fact]
    public async Task SessionsHistory_IncludeTools_KeepsToolResults()
    {
        var key = $"agent:{_agent}:tools";
        silo.Recorder.Histories[key] = [new ChatMessage { Role = ChatRoles.ToolResult, Content = [new TextPart("out")], ToolName = "read" }];

        var result = await InvokeAsync(ToolNames.SessionsHistory, $$"""{"sessionKey":"{{key}}","includeTools":true}""");

        var message = JsonNode.Parse(result.Content)!["messages"]![0]!;
        Assert.Equal("toolResult", (string?)message["role"]);
        Assert.Equal("read", (string?)message["toolName"]);
    }

    [Fact]
    public async Task SessionsHistory_LongMessages_AreCappedAndOldestDroppedOverBudget()
    {
        var key = $"agent:{_agent}:long";
        silo.Recorder.Histories[key] = [.. Enumerable.Range(0, 20).Select(i => ChatMessage.User($"{i}:" + new string('y', 10_000), i))];

        var result = await InvokeAsync(ToolNames.SessionsHistory, """{"sessionKey":"long"}""");

        var json = JsonNode.Parse(result.Content)!;
        var messages = json["messages"]!.AsArray();
        Assert.True(result.Content.Length < 45_000, $"length {result.Content.Length}");
        Assert.StartsWith("19:", (string?)messages[^1]!["text"]);
        Assert.Contains("more chars]", (string?)messages[^1]!["text"]);
        Assert.Equal(20 - messages.Count, (int?)json["omittedOlder"]);
    }

    [Fact]
    public async Task SessionsHistory_InvalidKey_IsAnError()
    {
        var result = await InvokeAsync(ToolNames.SessionsHistory, """{"sessionKey":"agent:BAD KEY"}""");

        Assert.True(result.IsError);
        Assert.Contains("sessions_history", result.Content);
    }

    [Fact]
    public async Task SessionsSend_ToAnotherSession_SendsAsToolWithAFreshIdempotencyKey()
    {
        var target = $"agent:{_agent}:worker";

        var first = await InvokeAsync(ToolNames.SessionsSend, """{"sessionKey":"worker","message":"do the thing"}""");
        var second = await InvokeAsync(ToolNames.SessionsSend, """{"sessionKey":"worker","message":"do the thing"}""");

        Assert.False(first.IsError, first.Content);
        var sent = silo.Recorder.Sent.Where(s => s.SessionKey == target).Select(s => s.Message).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, m => Assert.Equal(MessageOrigin.Tool, m.Origin));
        Assert.All(sent, m => Assert.Equal("do the thing", m.Text));
        Assert.NotEqual(sent[0].IdempotencyKey, sent[1].IdempotencyKey);
        var json = JsonNode.Parse(first.Content)!;
        Assert.Equal(sent[0].IdempotencyKey, (string?)json["runId"]);
        Assert.Equal(target, (string?)json["sessionKey"]);
    }

    [Theory]
    [InlineData("main")]
    [InlineData("MAIN")]
    [InlineData("agent:{agent}:main")]
    public async Task SessionsSend_ToTheCallersOwnSession_IsRefusedWithoutSending(string key)
    {
        var result = await InvokeAsync(ToolNames.SessionsSend, $$"""{"sessionKey":"{{key.Replace("{agent}", _agent)}}","message":"loop"}""");

        Assert.True(result.IsError);
        Assert.Contains("your own session", result.Content);
        Assert.DoesNotContain(silo.Recorder.Sent, s => s.SessionKey == $"agent:{_agent}:main");
    }

    [Fact]
    public async Task SessionsSend_GrainRefuses_IsAnErrorCarryingTheDomainMessage()
    {
        silo.Recorder.Failures[$"agent:{_agent}:busy"] = new DomainException("BUSY", "the session queue is full");

        var result = await InvokeAsync(ToolNames.SessionsSend, """{"sessionKey":"busy","message":"hi"}""");

        Assert.True(result.IsError);
        Assert.Contains("the session queue is full", result.Content);
    }

    [Fact]
    public async Task SessionsSend_GrainFails_IsAnErrorNamingTheTarget()
    {
        silo.Recorder.Failures[$"agent:{_agent}:broken"] = new InvalidOperationException("internal detail");

        var result = await InvokeAsync(ToolNames.SessionsSend, """{"sessionKey":"broken","message":"hi"}""");

        Assert.True(result.IsError);
        Assert.Contains($"session agent:{_agent}:broken failed", result.Content);
    }

    [Fact]
    public async Task SessionsSend_MissingMessage_IsAnError()
    {
        var result = await InvokeAsync(ToolNames.SessionsSend, """{"sessionKey":"worker"}""");

        Assert.True(result.IsError);
        Assert.Contains("'message' is required", result.Content);
    }
}
