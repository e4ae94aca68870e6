using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Events.SessionEvents;

/// <summary>
/// Waiters for runs to end, keyed by runId and completed by the relay when it sees <c>RunCompleted</c>. Register
/// before asking the grain about the run, so a completion that lands in between is not missed. Bounded: at most
/// <see cref="MaxRuns"/> runs with waiters at once; beyond that registering fails with a retryable UNAVAILABLE.
/// A completion nobody waits for is dropped (the grain still answers <c>GetRunAsync</c> for recent runs).
/// </summary>
internal sealed class RunCompletionRegistry
{
    public const int MaxRuns = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>Starts waiting for <paramref name="runId"/>; dispose the lease when done waiting.</summary>
    public Lease Register(string runId)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(runId, out var slot))
            {
                if (_slots.Count >= MaxRuns)
                {
                    throw new RpcException(ErrorCodes.Unavailable, "too many runs are being waited for; retry shortly")
                    {
                        Retryable = true,
                        RetryAfterMs = 1000,
                    };
                }

                slot = new Slot();
                _slots.Add(runId, slot);
            }

            slot.Leases++;
            return new Lease(this, runId, slot);
        }
    }

    public void Complete(RunSnapshot run)
    {
        Slot? slot;
        lock (_gate)
        {
            _slots.TryGetValue(run.RunId, out slot);
        }

        slot?.Completion.TrySetResult(run);
    }

    private void Release(string runId, Slot slot)
    {
        lock (_gate)
        {
            if (--slot.Leases == 0 && _slots.TryGetValue(runId, out var current) && current == slot)
            {
                _slots.Remove(runId);
            }
        }
    }

    internal sealed class Slot
    {
        public TaskCompletionSource<RunSnapshot> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Leases { get; set; }
    }

    /// <summary>One waiter's hold on a run's completion.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly RunCompletionRegistry _owner;
        private readonly string _runId;
        private readonly Slot _slot;
        private int _disposed;

        internal Lease(RunCompletionRegistry owner, string runId, Slot slot)
        {
            _owner = owner;
            _runId = runId;
            _slot = slot;
        }

        /// <summary>Completes with the run's terminal snapshot.</summary>
        public Task<RunSnapshot> Completion => _slot.Completion.Task;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.Release(_runId, _slot);
            }
        }
    }
}
