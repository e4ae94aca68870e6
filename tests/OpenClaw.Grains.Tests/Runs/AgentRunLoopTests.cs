using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Tests.Sessions.Support;

namespace OpenClaw.Grains.Tests.Runs;

/// <summary>
/// The agent run loop behind a session: tool calls go to the tool and back to the model, a failing tool is an error
/// result rather than a failed run, the loop stops at the turn limit, model failures, timeouts and aborts end the run
/// with the right terminal events, and the session keeps answering while a run works.
/// </summary>
public sealed class AgentRunLoopTests : IAsyncLifetime
{
    private readonly TempStateDirectory _directory = new();
    private readonly ScriptedModelRouter _model = new();
    private readonly GateTool _gate = new();
    private SessionSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await SessionSilo.StartAsync(_directory.Path, _model, new StaticToolCatalog(new EchoTool(), new FailingTool(), _gate));

    public async Task DisposeAsync()
    {
        _gate.Release();
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    private static string NewKey() => $"agent:main:run-{Guid.NewGuid():N}";

    [Fact]
    public async Task ToolCall_ResultGoesBackToTheModel_ThenFinal()
    {
        _model.Behaviour = (request, call, ct) => call == 0
            ? ModelScripts.ToolCall("call-1", "echo", new JsonObject { ["text"] = "ping" })
            : ScriptedModelRouter.Text("the tool said " + request.Messages[^1].Text());
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);

        await _silo.Session(key).SendAsync(new SendMessage { Text = "use the tool", IdempotencyKey = "tools" });
        var completed = await log.WaitForCompletionAsync("tools");

        Assert.Equal((RunStatuses.Ok, "the tool said echoed: ping"), (completed.Run.Status, completed.Run.ReplyText));
        Assert.Equal(2, _model.Calls);
        var second = _model.Requests[1];
        Assert.Equal(["user", "assistant", "toolResult"], second.Messages.Select(m => m.Role));
        Assert.Equal("call-1", second.Messages[2].ToolCallId);
        Assert.Contains(second.Tools, t => t.Name == "echo");

        var tool = log.ForRun("tools").OfType<AgentStreamEvent>().Where(e => e.Stream == "tool").ToList();
        Assert.Equal(["start", "result"], tool.Select(e => e.Data["phase"]!.GetValue<string>()));
        Assert.Equal("ping", tool[0].Data["args"]!["text"]!.GetValue<string>());
        Assert.Equal(("echoed: ping", false), (tool[1].Data["result"]!.GetValue<string>(), tool[1].Data["isError"]!.GetValue<bool>()));

        var history = await _silo.Session(key).GetHistoryAsync(new HistoryQuery());
        Assert.Equal(["user", "assistant", "toolResult", "assistant"], history.Messages.Select(m => m.Message.Role));
        Assert.IsType<ToolCallPart>(history.Messages[1].Message.Content[^1]);
        Assert.Equal("toolUse", history.Messages[1].Message.StopReason);
        Assert.Equal(new UsageInfo(5, 1), completed.Run.Usage);
    }

    [Fact]
    public async Task FailingTool_IsAnErrorResult_AndTheRunContinues()
    {
        _model.Behaviour = (request, call, ct) => call == 0
            ? ModelScripts.ToolCall("bad-1", "explode", [])
            : ScriptedModelRouter.Text("recovered");
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);

        await _silo.Session(key).SendAsync(new SendMessage { Text = "go", IdempotencyKey = "fail-tool" });
        var completed = await log.WaitForCompletionAsync("fail-tool");

        Assert.Equal((RunStatuses.Ok, "recovered"), (completed.Run.Status, completed.Run.ReplyText));
        var result = _model.Requests[1].Messages[^1];
        Assert.True(result.IsError);
        Assert.Contains("boom", result.Text());
    }

    [Fact]
    public async Task ModelKeepsCallingTools_StopsAtTheTurnLimit()
    {
        _model.Behaviour = (request, call, ct) => ModelScripts.ToolCall($"c{call}", "echo", new JsonObject { ["text"] = $"{call}" });
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);

        await _silo.Session(key).SendAsync(new SendMessage { Text = "loop", IdempotencyKey = "loop" });
        var completed = await log.WaitForCompletionAsync("loop", TimeSpan.FromSeconds(30));

        Assert.Equal(RunLimits.MaxModelTurns, _model.Calls);
        Assert.Equal((RunStatuses.Ok, RunLimits.MaxTurnsStopReason), (completed.Run.Status, completed.Run.StopReason));
        var history = await _silo.Session(key).GetHistoryAsync(new HistoryQuery(Limit: 1000));
        Assert.Equal(1 + 2 * RunLimits.MaxModelTurns, history.TotalMessages);
    }

    [Fact]
    public async Task ModelError_PublishesErrorEvents_AndTheSnapshotSaysError()
    {
        _model.Behaviour = (request, call, ct) => ModelScripts.Fail(ModelErrorKind.RateLimit, "slow down");
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);

        await _silo.Session(key).SendAsync(new SendMessage { Text = "hi", IdempotencyKey = "err" });
        var completed = await log.WaitForCompletionAsync("err");

        Assert.Equal((RunStatuses.Error, "rate_limit", "slow down"), (completed.Run.Status, completed.Run.ErrorKind, completed.Run.ErrorMessage));
        var events = log.ForRun("err");
        var chatError = Assert.Single(events.OfType<ChatStreamEvent>(), c => c.State == ChatStates.Error);
        Assert.Equal(("slow down", "rate_limit"), (chatError.ErrorMessage, chatError.ErrorKind));
        Assert.Contains(events.OfType<AgentStreamEvent>(), e => e.Stream == "lifecycle" && e.Data["phase"]!.GetValue<string>() == "error");
        var snapshot = await _silo.Session(key).GetRunAsync("err");
        Assert.Equal(RunStatuses.Error, snapshot.Status);
        var history = await _silo.Session(key).GetHistoryAsync(new HistoryQuery());
        Assert.Equal(("error", "so far"), (history.Messages[^1].Message.StopReason, history.Messages[^1].Message.Text()));
    }

    [Fact]
    public async Task RunTimeout_EndsAsTimeout()
    {
        var held = new HeldModel();
        _model.Behaviour = (request, call, ct) => held.Run("slow", ct);
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);

        await _silo.Session(key).SendAsync(new SendMessage { Text = "hi", IdempotencyKey = "slow", TimeoutMs = 300 });
        var completed = await log.WaitForCompletionAsync("slow");

        Assert.Equal((RunStatuses.Timeout, "timeout"), (completed.Run.Status, completed.Run.ErrorKind));
        Assert.Contains(log.ForRun("slow").OfType<ChatStreamEvent>(), c => c.State == ChatStates.Error && c.ErrorKind == "timeout");
    }

    [Fact]
    public async Task AbortMidStream_EndsAborted_WithThePartialTextInTheTranscript()
    {
        var held = new HeldModel();
        _model.Behaviour = (request, call, ct) => held.Run("partial answer", ct);
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = _silo.Session(key);

        await session.SendAsync(new SendMessage { Text = "hi", IdempotencyKey = "abort-me" });
        await Wait.UntilAsync(() => held.Entered == 1, "the model to stream");
        var result = await session.AbortAsync("abort-me");
        var completed = await log.WaitForCompletionAsync("abort-me");

        Assert.Equal((true, "abort-me"), (result.Aborted, Assert.Single(result.RunIds)));
        Assert.Equal(RunStatuses.Aborted, completed.Run.Status);
        var aborted = Assert.Single(log.ForRun("abort-me").OfType<ChatStreamEvent>(), c => c.State == ChatStates.Aborted);
        Assert.Equal("aborted", aborted.StopReason);
        var end = log.ForRun("abort-me").OfType<AgentStreamEvent>().Last(e => e.Stream == "lifecycle");
        Assert.True(end.Data["aborted"]!.GetValue<bool>());
        var history = await session.GetHistoryAsync(new HistoryQuery());
        Assert.Equal(("partial answer", "aborted"), (history.Messages[^1].Message.Text(), history.Messages[^1].Message.StopReason));
    }

    [Fact]
    public async Task DuringARun_GetRunHistoryAndAbortAnswer()
    {
        var held = new HeldModel();
        _model.Behaviour = (request, call, ct) => held.Run("working", ct);
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = _silo.Session(key);

        await session.SendAsync(new SendMessage { Text = "long job", IdempotencyKey = "busy" });
        await Wait.UntilAsync(() => held.Entered == 1, "the model to stream");

        var running = await session.GetRunAsync("busy").WaitAsync(TimeSpan.FromSeconds(2));
        var history = await session.GetHistoryAsync(new HistoryQuery()).WaitAsync(TimeSpan.FromSeconds(2));
        var entry = await session.GetEntryAsync().WaitAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(RunStatuses.Running, running.Status);
        Assert.Equal("long job", Assert.Single(history.Messages).Message.Text());
        Assert.Equal("running", entry!.Status);

        held.Release();
        var completed = await log.WaitForCompletionAsync("busy");
        Assert.Equal("working done", completed.Run.ReplyText);
    }

    [Fact]
    public async Task NoModelConfigured_FailsWithAMessageThatSaysWhatToSet()
    {
        await using var silo = await SessionSilo.StartAsync(_directory.Path, _model, config: new Configuration.Model.OpenClawConfig());
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(silo.Streams, key);

        await silo.Session(key).SendAsync(new SendMessage { Text = "hi", IdempotencyKey = "nomodel" });
        var completed = await log.WaitForCompletionAsync("nomodel");

        Assert.Equal(RunStatuses.Error, completed.Run.Status);
        Assert.Contains("agents.defaults.model", completed.Run.ErrorMessage);
    }
}
