using OpenClaw.Actors.Runtime.Storage;
using OpenClaw.Actors.Testing;

namespace OpenClaw.Actors.Tests.Storage;

/// <summary>The fault-injecting wrapper fails exactly the next call of the chosen kind, and leaves state untouched.</summary>
public sealed class FaultInjectionGrainStorageTests
{
    private readonly FaultInjectionGrainStorage _storage = new(new MemoryGrainStorage());
    private readonly GrainId _grainId = GrainId.Create("counter", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task FailNextWrite_FailsOnceWithoutWriting_ThenWritesPass()
    {
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = 1 } };
        _storage.FailNextWrite();

        await Assert.ThrowsAsync<IOException>(() => _storage.WriteStateAsync("s", _grainId, state));
        var afterFault = new TestGrainState<CounterState>();
        await _storage.ReadStateAsync("s", _grainId, afterFault);
        await _storage.WriteStateAsync("s", _grainId, state);

        Assert.False(afterFault.RecordExists);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task FailNextRead_ThrowsTheGivenException_OnlyForReads()
    {
        var state = new TestGrainState<CounterState>();
        var fault = new TimeoutException("injected");
        _storage.FailNextRead(fault);

        await _storage.WriteStateAsync("s", _grainId, state);
        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => _storage.ReadStateAsync("s", _grainId, new TestGrainState<CounterState>()));
        await _storage.ReadStateAsync("s", _grainId, new TestGrainState<CounterState>());

        Assert.Same(fault, thrown);
    }

    [Fact]
    public async Task FailNextClear_FailsOnceAndKeepsTheRecord()
    {
        var state = new TestGrainState<CounterState>();
        await _storage.WriteStateAsync("s", _grainId, state);
        _storage.FailNextClear();

        await Assert.ThrowsAsync<IOException>(() => _storage.ClearStateAsync("s", _grainId, state));
        var read = new TestGrainState<CounterState>();
        await _storage.ReadStateAsync("s", _grainId, read);
        await _storage.ClearStateAsync("s", _grainId, state);

        Assert.True(read.RecordExists);
        Assert.False(state.RecordExists);
    }
}
