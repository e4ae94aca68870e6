using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Tests.Sessions.Support;

namespace OpenClaw.Grains.Tests.Sessions;

/// <summary>
/// chat.send on an idle session: the input is accepted at once, the run streams agent and chat events in the real
/// gateway's order with a per-run seq, ends with a final, and both messages land in the transcript. A repeated
/// idempotency key returns the same run.
/// </summary>
public sealed class ChatSessionSendTests : IAsyncLifetime
{
    private readonly TempStateDirectory _directory = new();
    private readonly ScriptedModelRouter _model = new();
    private SessionSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await SessionSilo.StartAsync(_directory.Path, _model);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    private static string NewKey() => $"agent:main:test-{Guid.NewGuid():N}";

    [Fact]
    public async Task Send_IdleSession_StreamsEventsInOrderAndEndsWithFinal()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);

        var accepted = await _silo.Session(key).SendAsync(new SendMessage { Text = "hello", IdempotencyKey = "run-1" });
        var completed = await log.WaitForCompletionAsync("run-1");

        Assert.Equal(("run-1", RunStatuses.Started, "main"), (accepted.RunId, accepted.Status, accepted.AgentId));
        Assert.Equal(RunStatuses.Ok, completed.Run.Status);
        Assert.Equal("echo: hello", completed.Run.ReplyText);

        var events = log.ForRun("run-1");
        var agent = events.OfType<AgentStreamEvent>().ToList();
        Assert.Equal(Enumerable.Range(1, agent.Count).Select(i => (long)i), agent.Select(e => e.Seq));
        Assert.Equal("start", agent[0].Data["phase"]!.GetValue<string>());
        Assert.Equal(
            ["lifecycle:start", "run_status", "run_status", "lifecycle:model", "assistant", "assistant", "usage", "lifecycle:end"],
            agent.Select(e => e.Stream == "lifecycle" ? $"lifecycle:{e.Data["phase"]}" : e.Stream));
        Assert.Equal("stub", agent[3].Data["provider"]!.GetValue<string>());
        Assert.Equal("echo: hello", agent[5].Data["text"]!.GetValue<string>());
        Assert.Equal("echo: hello", agent[^1].Data["terminalReply"]!["text"]!.GetValue<string>());

        // Every chat event carries the seq of the agent event it follows; the final comes after lifecycle end.
        long lastAgentSeq = 0;
        foreach (var e in events)
        {
            if (e is AgentStreamEvent a) lastAgentSeq = a.Seq;
            if (e is ChatStreamEvent c) Assert.Equal(lastAgentSeq, c.Seq);
        }

        var chat = events.OfType<ChatStreamEvent>().ToList();
        Assert.Equal(["status", "status"], chat.Take(2).Select(c => c.State));
        Assert.Contains(chat, c => c.State == ChatStates.Delta);
        Assert.Equal("echo: hello", string.Concat(chat.Where(c => c.State == ChatStates.Delta).Select(c => c.DeltaText)));
        var final = chat[^1];
        Assert.Equal((ChatStates.Final, "stop", "echo: hello"), (final.State, final.StopReason, final.Message!.Text()));
        Assert.IsType<RunCompleted>(events[^1]);
    }

    [Fact]
    public async Task Send_Completed_TranscriptHoldsHeaderUserAndAssistant()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var accepted = await _silo.Session(key).SendAsync(new SendMessage { Text = "hi there", IdempotencyKey = "t-1" });
        await log.WaitForCompletionAsync("t-1");

        var lines = await File.ReadAllLinesAsync(_directory.TranscriptPath("main", accepted.SessionId));
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"type\":\"session\"", lines[0]);
        Assert.Contains("\"version\":4", lines[0]);
        Assert.Contains("\"parentId\":null", lines[1]);
        Assert.Contains("\"role\":\"user\"", lines[1]);
        Assert.Contains("\"role\":\"assistant\"", lines[2]);
        Assert.Contains("\"provider\":\"stub\"", lines[2]);
        Assert.Contains("\"stopReason\":\"stop\"", lines[2]);

        var history = await _silo.Session(key).GetHistoryAsync(new HistoryQuery());
        Assert.Equal(["user", "assistant"], history.Messages.Select(m => m.Message.Role));
        Assert.Equal("echo: hi there", history.Messages[1].Message.Text());
        var snapshot = await _silo.Session(key).GetRunAsync("t-1");
        Assert.Equal((RunStatuses.Ok, "stop"), (snapshot.Status, snapshot.StopReason));
    }

    [Fact]
    public async Task Send_RepeatedIdempotencyKey_ReturnsInFlightWithSameRunId()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = _silo.Session(key);

        var first = await session.SendAsync(new SendMessage { Text = "once", IdempotencyKey = "dup" });
        var second = await session.SendAsync(new SendMessage { Text = "once", IdempotencyKey = "dup" });
        await log.WaitForCompletionAsync("dup");

        Assert.Equal(RunStatuses.Started, first.Status);
        Assert.Equal((RunStatuses.InFlight, "dup"), (second.Status, second.RunId));
        Assert.True(second.Deduplicated);
        Assert.Equal(1, _model.Calls);
        var history = await session.GetHistoryAsync(new HistoryQuery());
        Assert.Single(history.Messages, m => m.Message.Role == "user");
    }

    [Fact]
    public async Task Send_SessionIndex_HoldsTheEntry()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        await _silo.Session(key).SendAsync(new SendMessage { Text = "index me", IdempotencyKey = "ix" });
        await log.WaitForCompletionAsync("ix");

        var page = await _silo.Grains.GetGrain<ISessionIndexGrain>("main").ListAsync(new SessionListQuery(100));
        var entry = Assert.Single(page.Sessions, s => s.Key == key);
        Assert.Equal(("done", "ix", "stub-echo"), (entry.Status, entry.LastRunId, entry.Model));
        Assert.Equal("echo: index me", entry.LastMessagePreview);
        Assert.Equal(13, entry.TotalTokens);
        Assert.True(entry.CreatedAt > 0 && entry.UpdatedAt >= entry.CreatedAt);
    }

    [Fact]
    public async Task Send_EmptyMessage_IsRejected()
    {
        var error = await Assert.ThrowsAsync<OpenClaw.Actors.DomainException>(() =>
            _silo.Session(NewKey()).SendAsync(new SendMessage { Text = " ", IdempotencyKey = "x" }));
        Assert.Equal("INVALID_REQUEST", error.Code);
    }
}
