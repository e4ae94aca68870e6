namespace OpenClaw.Actors.Tests.TestGrains;

/// <summary>Records entry and exit of held calls, so tests can see which requests overlapped.</summary>
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>Enters, waits for the gate named <c>{key}:{id}</c>, exits.</summary>
    Task HoldAsync(string id);

    [ReadOnly]
    Task HoldReadOnlyAsync(string id);

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> GetLogAsync();

    /// <summary>Deactivates after this call; OnDeactivateAsync then waits for the gate <c>{key}:deactivate</c>.</summary>
    Task DeactivateSlowlyAsync();

    /// <summary>Waits for its cancellation token; reports entry and cancellation.</summary>
    Task WaitForCancellationAsync(CancellationToken cancellationToken = default);
}

public interface IReentrantOrderGrain : IOrderGrain;

public class OrderGrain(Probes probes) : Grain, IOrderGrain
{
    private readonly List<string> _log = [];
    private int _inside;
    private bool _slowDeactivation;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probes.Log(GetPrimaryKeyString(), "activate");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probes.Log(GetPrimaryKeyString(), "deactivate-start");
        if (_slowDeactivation) await probes.Gate($"{GetPrimaryKeyString()}:deactivate");
        probes.Log(GetPrimaryKeyString(), "deactivate-end");
    }

    public Task DeactivateSlowlyAsync()
    {
        _slowDeactivation = true;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task HoldAsync(string id) => Hold(id);

    public Task HoldReadOnlyAsync(string id) => Hold(id);

    public Task<IReadOnlyList<string>> GetLogAsync() => Task.FromResult<IReadOnlyList<string>>([.. _log]);

    public async Task WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        _log.Add("enter:wait");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            probes.Open($"{GetPrimaryKeyString()}:cancelled");
            throw;
        }
    }

    private async Task Hold(string id)
    {
        // Two threads inside grain code at once would break this counter; the scheduler must prevent it.
        if (Interlocked.Increment(ref _inside) != 1) _log.Add("concurrent!");
        _log.Add($"enter:{id}");
        probes.Log(GetPrimaryKeyString(), $"enter:{id}");
        Interlocked.Decrement(ref _inside);
        await probes.Gate($"{GetPrimaryKeyString()}:{id}");
        if (Interlocked.Increment(ref _inside) != 1) _log.Add("concurrent!");
        _log.Add($"exit:{id}");
        Interlocked.Decrement(ref _inside);
    }
}

[Reentrant]
public sealed class ReentrantOrderGrain(Probes probes) : OrderGrain(probes), IReentrantOrderGrain;
