namespace OpenClaw.Actors.Tests.TestGrains;

public interface IStatefulGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);
    Task<int> GetAsync();
    Task DeactivateAsync();
}

public sealed class CounterState
{
    public int Value { get; set; }
}

public sealed class StatefulGrain(
    [PersistentState("counter")] IPersistentState<CounterState> counter,
    Probes probes) : Grain, IStatefulGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The state is read before OnActivateAsync.
        probes.Log(GetPrimaryKeyString(), $"activated:{counter.State.Value}:{counter.RecordExists}");
        probes.OnActivated(GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probes.OnDeactivated(GetPrimaryKeyString(), reason.Code);
        return Task.CompletedTask;
    }

    public async Task<int> AddAsync(int amount)
    {
        counter.State.Value += amount;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(counter.State.Value);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
