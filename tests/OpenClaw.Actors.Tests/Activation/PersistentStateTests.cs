using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Runtime.Storage;
using OpenClaw.Actors.Tests.Support;
using OpenClaw.Actors.Tests.TestGrains;

namespace OpenClaw.Actors.Tests.Activation;

/// <summary>[PersistentState] parameters: read before OnActivateAsync, kept across activations, reloaded after a conflict.</summary>
public sealed class PersistentStateTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private Probes _probes = null!;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(services => services
            .AddSingleton<Probes>()
            .AddGrain<IStatefulGrain, StatefulGrain>());
        _probes = _silo.Services.GetRequiredService<Probes>();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task PersistentState_GrainDeactivatesAndReactivates_StateIsReadBack()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<IStatefulGrain>(key);
        await grain.AddAsync(5).WaitAsync(Wait.Timeout);
        await grain.AddAsync(2).WaitAsync(Wait.Timeout);

        await grain.DeactivateAsync().WaitAsync(Wait.Timeout);
        await Wait.UntilAsync(() => _probes.Deactivations(key).Count == 1, "the grain deactivates");

        Assert.Equal(7, await grain.GetAsync().WaitAsync(Wait.Timeout));
        Assert.Equal(["activated:0:False", "activated:7:True"], _probes.Entries(key));
    }

    [Fact]
    public async Task PersistentState_WriteConflict_CallerGetsInconsistentStateAndGrainReloads()
    {
        var key = Wait.NewKey();
        var grain = _silo.Grains.GetGrain<IStatefulGrain>(key);
        await grain.AddAsync(1).WaitAsync(Wait.Timeout);
        await WriteBehindTheGrainsBackAsync(key, value: 100);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.AddAsync(1).WaitAsync(Wait.Timeout));
        await Wait.UntilAsync(() => _probes.Deactivations(key).Count == 1, "the stale activation deactivates");

        Assert.Equal([DeactivationReasonCode.InconsistentState], _probes.Deactivations(key));
        Assert.Equal(101, await grain.AddAsync(1).WaitAsync(Wait.Timeout));
    }

    private async Task WriteBehindTheGrainsBackAsync(string key, int value)
    {
        var storage = _silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        var grainId = GrainId.Create("stateful", key);
        var state = new StorageState();
        await storage.ReadStateAsync("counter", grainId, state);
        state.State.Value = value;
        await storage.WriteStateAsync("counter", grainId, state);
    }

    private sealed class StorageState : IGrainState<CounterState>
    {
        public CounterState State { get; set; } = new();
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }
}
