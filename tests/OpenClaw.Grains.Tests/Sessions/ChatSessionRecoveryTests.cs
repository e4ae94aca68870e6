using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors;
using OpenClaw.Actors.Runtime;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Sessions;
using OpenClaw.Grains.Tests.Sessions.Support;

namespace OpenClaw.Grains.Tests.Sessions;

/// <summary>
/// Crash safety: a silo killed in the middle of a run leaves durable state (grain state, reminders, transcript) that
/// a new silo over the same state directory picks up. The watchdog reminder reactivates the session, which settles the
/// cut-off run as an error (publishing its terminal events, so no client waits forever), continues with the queued
/// input, and keeps every acknowledged message and the idempotency cache.
/// </summary>
public sealed class ChatSessionRecoveryTests : IAsyncDisposable
{
    private readonly TempStateDirectory _directory = new();
    private readonly HeldModel _held = new();

    public async ValueTask DisposeAsync()
    {
        _held.Release();
        await Task.Yield();
        _directory.Dispose();
    }

    [Fact]
    public async Task KilledSilo_NewSiloSettlesTheRunAsError_ContinuesTheQueue_KeepsTranscriptAndIdempotency()
    {
        var key = $"agent:main:restart-{Guid.NewGuid():N}";
        var first = new ScriptedModelRouter { Behaviour = (request, call, ct) => _held.Run("cut off", ct) };
        string sessionId;
        await using (var silo = await SessionSilo.StartAsync(_directory.Path, first, durable: true))
        {
            var doomed = silo.Session(key);
            sessionId = (await doomed.SendAsync(new SendMessage { Text = "before the crash", IdempotencyKey = "r1" })).SessionId;
            await Wait.UntilAsync(() => _held.Entered == 1, "the run to stream");
            await doomed.SendAsync(new SendMessage { Text = "queued before the crash", IdempotencyKey = "r2" });
            Assert.Contains(ChatSessionGrain.WatchdogReminder, await File.ReadAllTextAsync(Path.Combine(_directory.Path, "reminders.json")));
            await silo.KillAsync();
        }

        var second = new ScriptedModelRouter();
        await using var restarted = await SessionSilo.StartAsync(_directory.Path, second, durable: true);
        await using var log = await SessionEventLog.SubscribeAsync(restarted.Streams, key);

        // What the reminder service does when the watchdog comes due: activate the grain and deliver the tick.
        var now = DateTimeOffset.UtcNow;
        await restarted.Services.GetRequiredService<IReminderInvoker>().InvokeAsync(
            new GrainId(new GrainType("chatsession"), key), ChatSessionGrain.WatchdogReminder,
            new TickStatus(now, TimeSpan.FromMinutes(1), now), CancellationToken.None).WaitAsync(Wait.Timeout);
        var interrupted = await log.WaitForCompletionAsync("r1");
        var continued = await log.WaitForCompletionAsync("r2");

        Assert.Equal((RunStatuses.Error, "interrupted (gateway restarted)"), (interrupted.Run.Status, interrupted.Run.ErrorMessage));
        var chatError = Assert.Single(log.ForRun("r1").OfType<ChatStreamEvent>());
        Assert.Equal(ChatStates.Error, chatError.State);
        Assert.True(chatError.Seq > 1);
        Assert.Equal(RunStatuses.Ok, continued.Run.Status);
        Assert.Equal("echo: queued before the crash", continued.Run.ReplyText);

        var session = restarted.Session(key);
        var history = await session.GetHistoryAsync(new HistoryQuery());
        Assert.Equal(sessionId, history.SessionId);
        Assert.Equal(["before the crash", "queued before the crash", "echo: queued before the crash"], history.Messages.Select(m => m.Message.Text()));

        var repeat = await session.SendAsync(new SendMessage { Text = "before the crash", IdempotencyKey = "r1" });
        Assert.Equal((RunStatuses.InFlight, "r1"), (repeat.Status, repeat.RunId));
        Assert.Equal(RunStatuses.Error, (await session.GetRunAsync("r1")).Status);
    }

    [Fact]
    public async Task TornTranscriptTail_IsRepairedWhenTheSessionReactivates()
    {
        var key = $"agent:main:torn-{Guid.NewGuid():N}";
        var model = new ScriptedModelRouter();
        string sessionId;
        await using (var silo = await SessionSilo.StartAsync(_directory.Path, model, durable: true))
        {
            await using var log = await SessionEventLog.SubscribeAsync(silo.Streams, key);
            sessionId = (await silo.Session(key).SendAsync(new SendMessage { Text = "kept", IdempotencyKey = "k1" })).SessionId;
            await log.WaitForCompletionAsync("k1");
        }

        await File.AppendAllTextAsync(_directory.TranscriptPath("main", sessionId), "{\"type\":\"message\",\"id\":\"half");
        await using var restarted = await SessionSilo.StartAsync(_directory.Path, model, durable: true);
        await using var events = await SessionEventLog.SubscribeAsync(restarted.Streams, key);
        await restarted.Session(key).SendAsync(new SendMessage { Text = "after", IdempotencyKey = "k2" });
        await events.WaitForCompletionAsync("k2");

        var history = await restarted.Session(key).GetHistoryAsync(new HistoryQuery());
        Assert.Equal(["kept", "echo: kept", "after", "echo: after"], history.Messages.Select(m => m.Message.Text()));
        Assert.All(await File.ReadAllLinesAsync(_directory.TranscriptPath("main", sessionId)), line => Assert.EndsWith("}", line));
    }

    [Fact]
    public async Task GracefulStop_SettlesTheActiveRun_AndLeavesQueuedInputsForTheNextStart()
    {
        var key = $"agent:main:stop-{Guid.NewGuid():N}";
        var first = new ScriptedModelRouter { Behaviour = (request, call, ct) => _held.Run("stopping", ct) };
        await using (var silo = await SessionSilo.StartAsync(_directory.Path, first, durable: true))
        {
            await using var log = await SessionEventLog.SubscribeAsync(silo.Streams, key);
            await silo.Session(key).SendAsync(new SendMessage { Text = "running", IdempotencyKey = "g1" });
            await Wait.UntilAsync(() => _held.Entered == 1, "the run to stream");
            await silo.Session(key).SendAsync(new SendMessage { Text = "waiting", IdempotencyKey = "g2" });

            await silo.StopAsync();

            var settled = await log.WaitForCompletionAsync("g1");
            Assert.Equal((RunStatuses.Error, "interrupted (gateway stopping)"), (settled.Run.Status, settled.Run.ErrorMessage));
            Assert.DoesNotContain(log.Events, e => e is RunCompleted { Run.RunId: "g2" });
        }

        await using var restarted = await SessionSilo.StartAsync(_directory.Path, new ScriptedModelRouter(), durable: true);
        await using var events = await SessionEventLog.SubscribeAsync(restarted.Streams, key);
        Assert.Equal(RunStatuses.Running, (await restarted.Session(key).GetRunAsync("g2")).Status);
        var continued = await events.WaitForCompletionAsync("g2");
        Assert.Equal("echo: waiting", continued.Run.ReplyText);
    }

    [Fact]
    public async Task KilledSilo_AfterAnOkFinal_NewSiloSettlesTheRunOkFromTheTranscript()
    {
        var key = $"agent:main:after-final-{Guid.NewGuid():N}";
        var model = new ScriptedModelRouter();
        await using (var silo = await SessionSilo.StartAsync(_directory.Path, model, durable: true))
        {
            await using var log = await SessionEventLog.SubscribeAsync(silo.Streams, key);
            await silo.Session(key).SendAsync(new SendMessage { Text = "answered", IdempotencyKey = "f1" });
            await log.WaitForCompletionAsync("f1");
            // The settled state rides on the next write; until then the stored state still records the run as active.
            Assert.Contains(Directory.EnumerateFiles(_directory.Path, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".jsonl", StringComparison.Ordinal) && !f.EndsWith(".spare", StringComparison.Ordinal)
                    && !f.EndsWith(".lock", StringComparison.Ordinal)), f => File.ReadAllText(f).Contains("\"f1\"", StringComparison.Ordinal)
                    && File.ReadAllText(f).Contains("activeRun\":{", StringComparison.OrdinalIgnoreCase));
            await silo.KillAsync();
        }

        await using var restarted = await SessionSilo.StartAsync(_directory.Path, model, durable: true);
        var session = restarted.Session(key);
        var run = await session.GetRunAsync("f1");
        Assert.Equal((RunStatuses.Ok, "echo: answered"), (run.Status, run.ReplyText));
        var history = await session.GetHistoryAsync(new HistoryQuery());
        Assert.Equal(["answered", "echo: answered"], history.Messages.Select(m => m.Message.Text()));

        await using var events = await SessionEventLog.SubscribeAsync(restarted.Streams, key);
        await session.SendAsync(new SendMessage { Text = "next", IdempotencyKey = "f2" });
        Assert.Equal(RunStatuses.Ok, (await events.WaitForCompletionAsync("f2")).Run.Status);
    }

    [Fact]
    public async Task GracefulStop_AfterAnOkFinal_WritesTheSettledState()
    {
        var key = $"agent:main:flush-{Guid.NewGuid():N}";
        var model = new ScriptedModelRouter();
        await using (var silo = await SessionSilo.StartAsync(_directory.Path, model, durable: true))
        {
            await using var log = await SessionEventLog.SubscribeAsync(silo.Streams, key);
            await silo.Session(key).SendAsync(new SendMessage { Text = "answered", IdempotencyKey = "s1" });
            await log.WaitForCompletionAsync("s1");
            await silo.StopAsync();
        }

        Assert.DoesNotContain(Directory.EnumerateFiles(_directory.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".jsonl", StringComparison.Ordinal) && !f.EndsWith(".spare", StringComparison.Ordinal)
                && !f.EndsWith(".lock", StringComparison.Ordinal)), f => File.ReadAllText(f).Contains("activeRun\":{", StringComparison.OrdinalIgnoreCase));
        await using var restarted = await SessionSilo.StartAsync(_directory.Path, model, durable: true);
        Assert.Equal(RunStatuses.Ok, (await restarted.Session(key).GetRunAsync("s1")).Status);
    }
}
