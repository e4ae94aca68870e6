using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Testing;
using OpenClaw.Actors.Tests.Support;
using OpenClaw.Actors.Tests.TestGrains;

namespace OpenClaw.Actors.Tests.Calls;

/// <summary>Calls through grain references in embedded mode: activation on first use, results, errors, deadlines.</summary>
public sealed class GrainCallTests
{
    private static void Grains(IServiceCollection services) => services
        .AddSingleton<Probes>()
        .AddGrain<ICounterGrain, CounterGrain>()
        .AddGrain<IOrderGrain, OrderGrain>();

    [Fact]
    public async Task Call_FirstCall_ActivatesGrainAndReturnsResult()
    {
        await using var silo = await TestSilo.StartAsync(Grains);
        var key = Wait.NewKey();
        var probes = silo.Services.GetRequiredService<Probes>();
        Assert.Equal(0, probes.Activations(key));

        var grain = silo.Grains.GetGrain<ICounterGrain>(key);
        Assert.Equal(1, await grain.IncrementAsync().WaitAsync(Wait.Timeout));
        Assert.Equal(2, await grain.IncrementAsync().WaitAsync(Wait.Timeout));

        Assert.Equal(1, probes.Activations(key));
    }

    [Fact]
    public async Task Call_WithCancellationTokenParameter_TokenIsNotSentAndArgumentsArrive()
    {
        await using var silo = await TestSilo.StartAsync(Grains);
        var key = Wait.NewKey();
        using var cts = new CancellationTokenSource();

        var echoed = await silo.Grains.GetGrain<ICounterGrain>(key).EchoAsync("hi", cts.Token).WaitAsync(Wait.Timeout);

        Assert.Equal($"{key}:hi", echoed);
    }

    [Fact]
    public async Task Call_GrainThrowsDomainException_CallerGetsCodeMessageAndRetryable()
    {
        await using var silo = await TestSilo.StartAsync(Grains);

        var error = await Assert.ThrowsAsync<DomainException>(
            () => silo.Grains.GetGrain<ICounterGrain>(Wait.NewKey()).FailAsync("BUSY", "A run is active.").WaitAsync(Wait.Timeout));

        Assert.Equal("BUSY", error.Code);
        Assert.Equal("A run is active.", error.Message);
        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task Call_DeadlinePasses_CallerGetsTimeoutAndCalleeTokenFires()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(services =>
        {
            Grains(services);
            services.AddSingleton<TimeProvider>(clock);
            services.Configure<GrainCallOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var key = Wait.NewKey();
        var grain = silo.Grains.GetGrain<IOrderGrain>(key);
        var probes = silo.Services.GetRequiredService<Probes>();

        var call = grain.WaitForCancellationAsync();
        await Wait.UntilAsync(async () => (await grain.GetLogAsync()).Contains("enter:wait"), "the call runs");
        clock.Advance(TimeSpan.FromSeconds(6));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(Wait.Timeout));
        Assert.Contains(nameof(IOrderGrain.WaitForCancellationAsync), timeout.Message);
        Assert.Contains(key, timeout.Message);
        await probes.Gate($"{key}:cancelled").WaitAsync(Wait.Timeout);
    }

    [Fact]
    public async Task Call_CallerCancels_CallerGetsOperationCanceled()
    {
        await using var silo = await TestSilo.StartAsync(Grains);
        var key = Wait.NewKey();
        var grain = silo.Grains.GetGrain<IOrderGrain>(key);
        using var cts = new CancellationTokenSource();

        var call = grain.WaitForCancellationAsync(cts.Token);
        await Wait.UntilAsync(async () => (await grain.GetLogAsync()).Contains("enter:wait"), "the call runs");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Wait.Timeout));
        await silo.Services.GetRequiredService<Probes>().Gate($"{key}:cancelled").WaitAsync(Wait.Timeout);
    }

    [Fact]
    public async Task Call_UnregisteredGrainType_FailsWithClearMessage()
    {
        await using var silo = await TestSilo.StartAsync(services => services.AddSingleton<Probes>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => silo.Grains.GetGrain<ICounterGrain>(Wait.NewKey()).GetAsync().WaitAsync(Wait.Timeout));

        Assert.Contains("'counter'", error.Message);
    }
}
