using OpenClaw.Configuration;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// The silo-wide bound on concurrent agent runs (OpenClaw's <c>main</c> lane): <c>agents.defaults.maxConcurrent</c>,
/// default max(8, 4 × CPUs), read at start. A run waits here (abortable) for a slot after its session let it start;
/// waiting runs are served in arrival order by the semaphore.
/// </summary>
public sealed class AgentRunLimiter
{
    private readonly SemaphoreSlim _slots;

    public AgentRunLimiter(IOpenClawConfigSource config)
    {
        Capacity = config.Current.Config.Agents.Defaults.MaxConcurrent is > 0 and var configured
            ? configured
            : Math.Max(8, 4 * Environment.ProcessorCount);
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    public int Capacity { get; }

    public int InUse => Capacity - _slots.CurrentCount;

    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
