using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Sessions;
using OpenClaw.Grains.Tests.Sessions.Support;

namespace OpenClaw.Grains.Tests.Sessions;

/// <summary>
/// Messages sent while a run is active (spec §12): followups run one by one in order, collect inputs merge into one
/// run, interrupt aborts the active run and runs next, steer reaches the active run's next model turn; the queue is
/// bounded and says BUSY when full; aborting with no runId clears the queue without losing messages.
/// </summary>
public sealed class ChatSessionQueueTests : IAsyncLifetime
{
    private readonly TempStateDirectory _directory = new();
    private readonly ScriptedModelRouter _model = new();
    private readonly GateTool _gate = new();
    private readonly HeldModel _held = new();
    private SessionSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await SessionSilo.StartAsync(_directory.Path, _model, new StaticToolCatalog(_gate));

    public async Task DisposeAsync()
    {
        _gate.Release();
        _held.Release();
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    private static string NewKey() => $"agent:main:queue-{Guid.NewGuid():N}";

    /// <summary>The first call holds (until released); later calls echo.</summary>
    private void HoldFirstCall() =>
        _model.Behaviour = (request, call, ct) => call == 0 ? _held.Run("first", ct) : ScriptedModelRouter.Echo(request, call, ct);

    private async Task<IChatSessionGrain> StartHeldRunAsync(string key)
    {
        HoldFirstCall();
        var session = _silo.Session(key);
        await session.SendAsync(new SendMessage { Text = "one", IdempotencyKey = "r1" });
        await Wait.UntilAsync(() => _held.Entered == 1, "the first run to stream");
        return session;
    }

    [Fact]
    public async Task Followups_RunOneByOne_InArrivalOrder()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = await StartHeldRunAsync(key);

        var second = await session.SendAsync(new SendMessage { Text = "two", IdempotencyKey = "r2" });
        var third = await session.SendAsync(new SendMessage { Text = "three", IdempotencyKey = "r3" });
        Assert.Equal((RunStatuses.Queued, RunStatuses.Queued), (second.Status, third.Status));
        Assert.Equal(RunStatuses.Queued, (await session.GetRunAsync("r3")).Status);
        Assert.Equal(2, (await session.GetHistoryAsync(new HistoryQuery())).PendingInputs);

        _held.Release();
        await log.WaitForCompletionAsync("r3");

        var completions = log.Events.OfType<RunCompleted>().Select(c => c.Run.RunId).ToList();
        Assert.Equal(["r1", "r2", "r3"], completions);
        var history = await session.GetHistoryAsync(new HistoryQuery());
        Assert.Equal(["one", "first done", "two", "echo: two", "three", "echo: three"], history.Messages.Select(m => m.Message.Text()));
    }

    [Fact]
    public async Task CollectInputs_MergeIntoOneRun()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = await StartHeldRunAsync(key);

        await session.SendAsync(new SendMessage { Text = "a", IdempotencyKey = "c1", QueueMode = QueueMode.Collect });
        await session.SendAsync(new SendMessage { Text = "b", IdempotencyKey = "c2", QueueMode = QueueMode.Collect });
        _held.Release();
        var merged = await log.WaitForCompletionAsync("c1");
        var alias = await log.WaitForCompletionAsync("c2");

        Assert.Equal(2, _model.Calls);
        Assert.Equal(["one", "first done", "a", "b"], _model.Requests[1].Messages.Select(m => m.Text()));
        Assert.Equal((RunStatuses.Ok, RunStatuses.Ok), (merged.Run.Status, alias.Run.Status));
        Assert.Equal(RunStatuses.Ok, (await session.GetRunAsync("c2")).Status);
    }

    [Fact]
    public async Task Interrupt_AbortsTheActiveRun_AndRunsNext()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = await StartHeldRunAsync(key);
        await session.SendAsync(new SendMessage { Text = "later", IdempotencyKey = "f1" });

        var interrupt = await session.SendAsync(new SendMessage { Text = "stop that", IdempotencyKey = "i1", QueueMode = QueueMode.Interrupt });
        var first = await log.WaitForCompletionAsync("r1");
        var interrupting = await log.WaitForCompletionAsync("i1");
        await log.WaitForCompletionAsync("f1");

        Assert.Equal(RunStatuses.Started, interrupt.Status);
        Assert.Equal(RunStatuses.Aborted, first.Run.Status);
        Assert.Equal("echo: stop that", interrupting.Run.ReplyText);
        Assert.Equal(["r1", "i1", "f1"], log.Events.OfType<RunCompleted>().Select(c => c.Run.RunId));
    }

    [Fact]
    public async Task Steer_ReachesTheActiveRunAtItsNextModelTurn()
    {
        _model.Behaviour = (request, call, ct) => call == 0
            ? ModelScripts.ToolCall("g1", "gate", [])
            : ScriptedModelRouter.Echo(request, call, ct);
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = _silo.Session(key);

        await session.SendAsync(new SendMessage { Text = "start", IdempotencyKey = "s0" });
        await _gate.Entered.WaitAsync(Wait.Timeout);
        var steer = await session.SendAsync(new SendMessage { Text = "also do this", IdempotencyKey = "s1", QueueMode = QueueMode.Steer });
        _gate.Release();
        var completed = await log.WaitForCompletionAsync("s0");

        Assert.Equal(RunStatuses.Queued, steer.Status);
        Assert.Equal(2, _model.Calls);
        Assert.Equal(["user", "assistant", "toolResult", "user"], _model.Requests[1].Messages.Select(m => m.Role));
        Assert.Equal("echo: also do this", completed.Run.ReplyText);
        var history = await session.GetHistoryAsync(new HistoryQuery());
        Assert.Equal(0, history.PendingInputs);
        Assert.Equal("also do this", history.Messages[3].Message.Text());
    }

    [Fact]
    public async Task FullQueue_RefusesWithRetryableBusy()
    {
        var key = NewKey();
        var session = await StartHeldRunAsync(key);
        for (var i = 0; i < PendingInputQueue.Capacity; i++)
            await session.SendAsync(new SendMessage { Text = $"m{i}", IdempotencyKey = $"q{i}" });

        var busy = await Assert.ThrowsAsync<DomainException>(() => session.SendAsync(new SendMessage { Text = "one more", IdempotencyKey = "over" }));
        var retry = await Assert.ThrowsAsync<DomainException>(() => session.SendAsync(new SendMessage { Text = "one more", IdempotencyKey = "over" }));

        Assert.Equal(("BUSY", true), (busy.Code, busy.Retryable));
        Assert.Equal("BUSY", retry.Code);
    }

    [Fact]
    public async Task AbortAll_AbortsActiveAndQueued_KeepingTheMessages()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = await StartHeldRunAsync(key);
        await session.SendAsync(new SendMessage { Text = "queued", IdempotencyKey = "q1" });

        var result = await session.AbortAsync(null);
        await log.WaitForCompletionAsync("r1");
        var queued = await log.WaitForCompletionAsync("q1");

        Assert.Equal(["r1", "q1"], result.RunIds);
        Assert.Equal(RunStatuses.Aborted, queued.Run.Status);
        Assert.Equal(1, _model.Calls);
        var texts = (await session.GetHistoryAsync(new HistoryQuery())).Messages.Select(m => m.Message.Text()).ToList();
        Assert.Contains("queued", texts);
        Assert.Contains("first", texts);
    }
}
