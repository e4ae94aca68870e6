namespace OpenClaw.Actors.Runtime.Scheduling;

/// <summary>
/// The waiting requests of one activation and the rules that decide which of them may start. Not thread-safe: the
/// activation calls it under its lock. The rules (Orleans'): with nothing running anything may start; a
/// <c>[Reentrant]</c> grain starts everything at once (its requests interleave at awaits); an
/// <c>[AlwaysInterleave]</c> request starts at any time, even ahead of queued ones; a <c>[ReadOnly]</c> request
/// joins running requests only if all of them are read-only. Otherwise requests start in arrival order, each after the
/// previous one's task completed. Bound: <see cref="Capacity"/> waiting calls; one more fails at once with
/// <see cref="GrainOverloadedException"/>.
/// </summary>
internal sealed class ActivationMailbox(GrainId grainId, bool reentrant, int capacity)
{
    private readonly LinkedList<ActivationRequest> _queue = new();
    private int _queuedCalls;
    private int _queuedInterleaving;
    private int _running;
    private int _runningReadOnly;

    public int Capacity => capacity;
    public int Running => _running;
    public int Queued => _queue.Count;
    public bool IsIdle => _running == 0 && _queue.Count == 0;

    public void Enqueue(ActivationRequest request)
    {
        if (request.IsCall)
        {
            if (_queuedCalls >= capacity) throw new GrainOverloadedException(grainId, capacity);
            _queuedCalls++;
        }

        if (request.AlwaysInterleave) _queuedInterleaving++;
        _queue.AddLast(request);
    }

    /// <summary>Moves every request that may start now from the queue to running, in order, and returns them.</summary>
    public List<ActivationRequest>? TakeStartable()
    {
        List<ActivationRequest>? started = null;
        var blocked = false;
        var node = _queue.First;
        while (node is not null && (!blocked || _queuedInterleaving > 0))
        {
            var next = node.Next;
            var request = node.Value;
            if (request.AlwaysInterleave || (!blocked && CanStart(request)))
            {
                _queue.Remove(node);
                OnDequeued(request);
                _running++;
                if (request.ReadOnly) _runningReadOnly++;
                (started ??= []).Add(request);
            }
            else
            {
                // Keep arrival order: nothing but always-interleave requests may pass a blocked one.
                blocked = true;
            }

            node = next;
        }

        return started;
    }

    public void Complete(ActivationRequest request)
    {
        _running--;
        if (request.ReadOnly) _runningReadOnly--;
    }

    /// <summary>Empties the queue (the activation is failing or being dropped) and returns what was waiting.</summary>
    public List<ActivationRequest> DrainQueued()
    {
        var drained = _queue.ToList();
        _queue.Clear();
        _queuedCalls = 0;
        _queuedInterleaving = 0;
        return drained;
    }

    private bool CanStart(ActivationRequest request) =>
        reentrant || _running == 0 || (request.ReadOnly && _running == _runningReadOnly);

    private void OnDequeued(ActivationRequest request)
    {
        if (request.IsCall) _queuedCalls--;
        if (request.AlwaysInterleave) _queuedInterleaving--;
    }
}
