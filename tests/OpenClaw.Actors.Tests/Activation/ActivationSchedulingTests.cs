using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Runtime.Activation;
using OpenClaw.Actors.Tests.Support;
using OpenClaw.Actors.Tests.TestGrains;

namespace OpenClaw.Actors.Tests.Activation;

/// <summary>
/// The mailbox rules: non-reentrant by default, [Reentrant] interleaves at awaits, [AlwaysInterleave] runs at any
/// time, [ReadOnly] runs alongside read-only requests only; grain code never runs on two threads at once; the
/// mailbox bound rejects at once.
/// </summary>
public sealed class ActivationSchedulingTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private Probes _probes = null!;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(services => services
            .AddSingleton<Probes>()
            .AddGrain<IOrderGrain, OrderGrain>()
            .AddGrain<IReentrantOrderGrain, ReentrantOrderGrain>()
            .Configure<GrainActivationOptions>(o => o.MaxEnqueuedRequests = 3));
        _probes = _silo.Services.GetRequiredService<Probes>();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task NonReentrant_SecondCallWhileFirstAwaits_StartsOnlyAfterFirstCompletes()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<IOrderGrain>(key);

        var a = grain.HoldAsync("a");
        await UntilLogged(grain, "enter:a");
        var b = grain.HoldAsync("b");
        Assert.DoesNotContain("enter:b", await grain.GetLogAsync()); // b is queued behind a's await
        _probes.Open($"{key}:a");
        await a.WaitAsync(Wait.Timeout);
        await UntilLogged(grain, "enter:b");
        _probes.Open($"{key}:b");
        await b.WaitAsync(Wait.Timeout);

        Assert.Equal(["enter:a", "exit:a", "enter:b", "exit:b"], await grain.GetLogAsync());
    }

    [Fact]
    public async Task Reentrant_SecondCallWhileFirstAwaits_InterleavesAtTheAwait()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<IReentrantOrderGrain>(key);

        var a = grain.HoldAsync("a");
        await UntilLogged(grain, "enter:a");
        var b = grain.HoldAsync("b");
        await UntilLogged(grain, "enter:b");
        _probes.Open($"{key}:b");
        await b.WaitAsync(Wait.Timeout);
        _probes.Open($"{key}:a");
        await a.WaitAsync(Wait.Timeout);

        Assert.Equal(["enter:a", "enter:b", "exit:b", "exit:a"], await grain.GetLogAsync());
    }

    [Fact]
    public async Task AlwaysInterleave_WhileNonReentrantCallAwaitsAndOthersQueue_RunsAtOnce()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<IOrderGrain>(key);

        var a = grain.HoldAsync("a");
        await UntilLogged(grain, "enter:a");
        var b = grain.HoldAsync("b");

        var log = await grain.GetLogAsync().WaitAsync(Wait.Timeout); // [AlwaysInterleave]: passes a and queued b

        Assert.Equal(["enter:a"], log);
        _probes.Open($"{key}:a");
        _probes.Open($"{key}:b");
        await Task.WhenAll(a, b).WaitAsync(Wait.Timeout);
    }

    [Fact]
    public async Task ReadOnly_TwoReadOnlyCalls_InterleaveButWriteWaitsForBoth()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<IOrderGrain>(key);

        var r1 = grain.HoldReadOnlyAsync("r1");
        var r2 = grain.HoldReadOnlyAsync("r2");
        await UntilLogged(grain, "enter:r2");
        var w = grain.HoldAsync("w");
        var r3 = grain.HoldReadOnlyAsync("r3"); // arrives after a queued write: must not pass it
        Assert.Equal(["enter:r1", "enter:r2"], await grain.GetLogAsync());

        _probes.Open($"{key}:r1");
        _probes.Open($"{key}:r2");
        await UntilLogged(grain, "enter:w");
        Assert.DoesNotContain("enter:r3", await grain.GetLogAsync());
        _probes.Open($"{key}:w");
        _probes.Open($"{key}:r3");
        await Task.WhenAll(r1, r2, w, r3).WaitAsync(Wait.Timeout);

        var logged = await grain.GetLogAsync();
        Assert.True(logged.ToList().IndexOf("exit:r2") < logged.ToList().IndexOf("enter:w"));
        Assert.True(logged.ToList().IndexOf("exit:w") < logged.ToList().IndexOf("enter:r3"));
        Assert.DoesNotContain("concurrent!", logged);
    }

    [Fact]
    public async Task Mailbox_MoreQueuedCallsThanTheBound_ExtraCallFailsAtOnceWithGrainOverloaded()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<IOrderGrain>(key);
        var running = grain.HoldAsync("a");
        await UntilLogged(grain, "enter:a");
        var queued = Enumerable.Range(0, 3).Select(i => grain.HoldAsync($"q{i}")).ToArray();

        var overloaded = await Assert.ThrowsAsync<GrainOverloadedException>(() => grain.HoldAsync("over").WaitAsync(Wait.Timeout));

        Assert.Contains(key, overloaded.Message);
        foreach (var id in new[] { "a", "q0", "q1", "q2" }) _probes.Open($"{key}:{id}");
        await Task.WhenAll(queued.Append(running)).WaitAsync(Wait.Timeout);
    }

    [Fact]
    public async Task Reentrant_ManyParallelCalls_GrainCodeNeverRunsOnTwoThreads()
    {
        await using var silo = await TestSilo.StartAsync(services => services
            .AddSingleton<Probes>()
            .AddGrain<IReentrantOrderGrain, ReentrantOrderGrain>());
        var key = Wait.NewKey();
        var grain = silo.Grains.GetGrain<IReentrantOrderGrain>(key);
        var probes = silo.Services.GetRequiredService<Probes>();
        for (var i = 0; i < 50; i++) probes.Open($"{key}:{i}");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => grain.HoldAsync(i.ToString())))).WaitAsync(Wait.Timeout);

        var log = await grain.GetLogAsync();
        Assert.Equal(100, log.Count);
        Assert.DoesNotContain("concurrent!", log);
    }

    private static Task UntilLogged(IOrderGrain grain, string entry) =>
        Wait.UntilAsync(async () => (await grain.GetLogAsync()).Contains(entry), $"'{entry}' is logged");
}
