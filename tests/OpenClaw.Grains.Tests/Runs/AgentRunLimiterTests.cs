using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Tests.Sessions.Support;

namespace OpenClaw.Grains.Tests.Runs;

/// <summary>The silo-wide run limit (agents.defaults.maxConcurrent): runs of different sessions beyond it wait for a slot.</summary>
public sealed class AgentRunLimiterTests
{
    [Fact]
    public async Task Runs_BeyondMaxConcurrent_WaitForASlot()
    {
        using var directory = new TempStateDirectory();
        var model = new ScriptedModelRouter();
        var held = new HeldModel();
        model.Behaviour = (request, call, ct) => held.Run("x", ct);
        await using var silo = await SessionSilo.StartAsync(directory.Path, model, config: SessionSilo.DefaultConfig(maxConcurrent: 2));
        var keys = Enumerable.Range(0, 4).Select(i => $"agent:main:limit-{i}-{Guid.NewGuid():N}").ToList();
        var logs = new List<SessionEventLog>();
        foreach (var key in keys) logs.Add(await SessionEventLog.SubscribeAsync(silo.Streams, key));

        foreach (var key in keys) await silo.Session(key).SendAsync(new SendMessage { Text = "go", IdempotencyKey = key });
        await Wait.UntilAsync(() => held.Entered == 2, "two runs to reach the model");
        var waiting = await silo.Session(keys[3]).GetRunAsync(keys[3]);

        Assert.Equal(2, silo.Limiter.Capacity);
        Assert.Equal(2, model.Calls);
        Assert.Equal(RunStatuses.Running, waiting.Status);

        held.Release();
        for (var i = 0; i < keys.Count; i++) await logs[i].WaitForCompletionAsync(keys[i]);
        Assert.Equal(4, model.Calls);
        Assert.Equal(2, model.MaxConcurrent);
        foreach (var log in logs) await log.DisposeAsync();
    }
}
