namespace OpenClaw.Grains.Sessions;

/// <summary>
/// Serialises the grain's state changes. Turns of a non-reentrant grain never overlap, but <c>AbortAsync</c> is
/// always-interleave and may run while another turn awaits a write; the gate keeps them from mutating the state
/// (and issuing two conditional writes) at the same time. No holder ever waits for an abort, so it cannot deadlock.
/// </summary>
internal sealed class SessionGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public Task RunAsync(Func<Task> work, CancellationToken cancellationToken) =>
        RunAsync(async () => { await work(); return true; }, cancellationToken);
}
