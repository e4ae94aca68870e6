namespace OpenClaw.Actors.Tests.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();
    Task<int> GetAsync();
    Task<string> EchoAsync(string text, CancellationToken cancellationToken = default);
    Task FailAsync(string code, string message);
    Task ThrowCustomAsync(string message);
    Task DeactivateAsync();
}

public sealed class CounterGrain(Probes probes) : Grain, ICounterGrain
{
    private int _count;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probes.OnActivated(GetPrimaryKeyString());
        await Task.Yield(); // widen the activation window for the single-activation test
        if (probes.ShouldFailActivation(GetPrimaryKeyString()))
            throw new InvalidOperationException("activation failed on purpose");
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probes.OnDeactivated(GetPrimaryKeyString(), reason.Code);
        return Task.CompletedTask;
    }

    public Task<int> IncrementAsync() => Task.FromResult(++_count);

    public Task<int> GetAsync() => Task.FromResult(_count);

    public Task<string> EchoAsync(string text, CancellationToken cancellationToken) => Task.FromResult($"{GetPrimaryKeyString()}:{text}");

    public Task FailAsync(string code, string message) => throw new DomainException(code, message, retryable: true);

    public Task ThrowCustomAsync(string message) => throw new CustomTestException(message);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public sealed class CustomTestException(string message) : Exception(message);
