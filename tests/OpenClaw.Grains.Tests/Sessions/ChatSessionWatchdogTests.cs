using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors;
using OpenClaw.Actors.Runtime;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Sessions;
using OpenClaw.Grains.Tests.Sessions.Support;

namespace OpenClaw.Grains.Tests.Sessions;

/// <summary>
/// The session's crash watchdog: registered when a run starts (without holding up the run), ticking every
/// <see cref="SessionWatchdog.Period"/> (5 s) so that a run cut off by a dead silo is settled within seconds once
/// another silo owns the session, and kept across back-to-back runs instead of being written and removed per run.
/// </summary>
public sealed class ChatSessionWatchdogTests : IAsyncDisposable
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
    public async Task ActiveRun_RegistersAFiveSecondWatchdog_KeptAfterTheRunAndOnATickSoonAfter()
    {
        var key = $"agent:main:watchdog-{Guid.NewGuid():N}";
        var grainId = new GrainId(new GrainType("chatsession"), key);
        var model = new ScriptedModelRouter { Behaviour = (request, call, ct) => call == 0 ? _held.Run("working", ct) : ScriptedModelRouter.Echo(request, call, ct) };
        await using var silo = await SessionSilo.StartAsync(_directory.Path, model);
        var table = silo.Services.GetRequiredService<IReminderTable>();
        await using var log = await SessionEventLog.SubscribeAsync(silo.Streams, key);

        var before = DateTimeOffset.UtcNow;
        await silo.Session(key).SendAsync(new SendMessage { Text = "long", IdempotencyKey = "w1" });
        await Wait.UntilAsync(async () => await table.ReadAsync(grainId, ChatSessionGrain.WatchdogReminder, CancellationToken.None) is not null,
            "the watchdog to be registered while the run is active");
        var watchdog = (await table.ReadAsync(grainId, ChatSessionGrain.WatchdogReminder, CancellationToken.None))!;

        Assert.Equal(TimeSpan.FromSeconds(5), watchdog.Period);
        Assert.InRange(watchdog.FirstTickTime, before, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5));

        _held.Release();
        await log.WaitForCompletionAsync("w1");
        await silo.Session(key).SendAsync(new SendMessage { Text = "next", IdempotencyKey = "w2" });
        await log.WaitForCompletionAsync("w2");
        var now = DateTimeOffset.UtcNow;
        await silo.Services.GetRequiredService<IReminderInvoker>().InvokeAsync(grainId, ChatSessionGrain.WatchdogReminder,
            new TickStatus(watchdog.FirstTickTime, watchdog.Period, now), CancellationToken.None).WaitAsync(Wait.Timeout);

        var kept = await table.ReadAsync(grainId, ChatSessionGrain.WatchdogReminder, CancellationToken.None);
        Assert.Equal(watchdog.FirstTickTime, kept?.FirstTickTime); // the same registration, not one per run
    }
}
