using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Tests.Support;
using OpenClaw.Actors.Tests.TestGrains;

namespace OpenClaw.Actors.Tests.Activation;

/// <summary>The catalog keeps one activation per grain id and recovers from failed activations.</summary>
public sealed class GrainCatalogTests
{
    private static void Grains(IServiceCollection services) => services
        .AddSingleton<Probes>()
        .AddGrain<ICounterGrain, CounterGrain>()
        .AddGrain<IOrderGrain, OrderGrain>();

    [Fact]
    public async Task Catalog_200ParallelFirstCalls_CreateExactlyOneActivation()
    {
        await using var silo = await TestSilo.StartAsync(Grains);
        var key = Wait.NewKey();
        var probes = silo.Services.GetRequiredService<Probes>();
        var factory = silo.Grains;

        var calls = Enumerable.Range(0, 200).Select(_ => Task.Run(() => factory.GetGrain<ICounterGrain>(key).IncrementAsync()));
        var results = await Task.WhenAll(calls).WaitAsync(Wait.Timeout);

        Assert.Equal(1, probes.Activations(key));
        Assert.Equal(Enumerable.Range(1, 200), results.Order());
    }

    [Fact]
    public async Task Catalog_OnActivateThrows_WaitingCallersFailThenFreshActivationSucceeds()
    {
        await using var silo = await TestSilo.StartAsync(Grains);
        var key = Wait.NewKey();
        var probes = silo.Services.GetRequiredService<Probes>();
        probes.FailNextActivations(key, 1);
        var grain = silo.Grains.GetGrain<ICounterGrain>(key);

        var failed = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
            await Record.ExceptionAsync(() => grain.IncrementAsync())));
        Assert.All(failed, e => Assert.True(e is null || e is InvalidOperationException { Message: "activation failed on purpose" }));
        Assert.Contains(failed, e => e is not null);

        var count = await grain.IncrementAsync().WaitAsync(Wait.Timeout);

        Assert.True(count >= 1);
        Assert.Equal(2, probes.Activations(key));
    }

    [Fact]
    public async Task Catalog_DeactivateOnIdle_OnDeactivateRunsAndNextCallGetsNewActivation()
    {
        await using var silo = await TestSilo.StartAsync(Grains);
        var key = Wait.NewKey();
        var probes = silo.Services.GetRequiredService<Probes>();
        var grain = silo.Grains.GetGrain<ICounterGrain>(key);
        await grain.IncrementAsync().WaitAsync(Wait.Timeout);

        await grain.DeactivateAsync().WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => probes.Deactivations(key).Count == 1, "the grain deactivates");

        Assert.Equal(DeactivationReasonCode.ApplicationRequested, probes.Deactivations(key)[0]);
        Assert.Equal(1, await grain.IncrementAsync().WaitAsync(Wait.Timeout)); // fresh in-memory counter
        Assert.Equal(2, probes.Activations(key));
    }

    [Fact]
    public async Task Catalog_CallArrivesWhileDeactivating_WaitsAndRunsOnTheNextActivation()
    {
        await using var silo = await TestSilo.StartAsync(Grains);
        var key = Wait.NewKey();
        var probes = silo.Services.GetRequiredService<Probes>();
        var grain = silo.Grains.GetGrain<IOrderGrain>(key);
        probes.Open($"{key}:x");

        await grain.DeactivateSlowlyAsync().WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => probes.Entries(key).Contains("deactivate-start"), "deactivation starts");
        var call = grain.HoldAsync("x");
        Assert.False(call.IsCompleted);
        probes.Open($"{key}:deactivate");
        await call.WaitAsync(Wait.Timeout);

        Assert.Equal(["activate", "deactivate-start", "deactivate-end", "activate", "enter:x"], probes.Entries(key));
    }

    [Fact]
    public async Task Catalog_SiloStops_ActivationsDeactivateWithShuttingDown()
    {
        var silo = await TestSilo.StartAsync(Grains);
        var key = Wait.NewKey();
        var probes = silo.Services.GetRequiredService<Probes>();
        await silo.Grains.GetGrain<ICounterGrain>(key).IncrementAsync().WaitAsync(Wait.Timeout);

        await silo.DisposeAsync();

        Assert.Equal([DeactivationReasonCode.ShuttingDown], probes.Deactivations(key));
    }
}
