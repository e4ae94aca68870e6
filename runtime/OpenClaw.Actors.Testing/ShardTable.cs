namespace OpenClaw.Actors.Testing;

/// <summary>
/// Shard → owning silo, with hand-offs: while a shard moves, nobody owns it and calls to it wait (bounded by their
/// deadline) until the old owner has deactivated its grains and the new owner takes over, so a grain never has two
/// activations during a planned move.
/// </summary>
internal sealed class ShardTable
{
    private readonly Lock _lock = new();
    private readonly InProcSilo?[] _owners;
    private readonly TaskCompletionSource?[] _moving;

    public ShardTable(int shardCount)
    {
        _owners = new InProcSilo?[shardCount];
        _moving = new TaskCompletionSource?[shardCount];
    }

    public int ShardCount => _owners.Length;

    public bool IsOwnedBy(int shard, InProcSilo silo)
    {
        lock (_lock) return _moving[shard] is null && ReferenceEquals(_owners[shard], silo);
    }

    public async Task<InProcSilo> WaitForOwnerAsync(int shard, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task moving;
            lock (_lock)
            {
                if (_moving[shard] is null)
                    return _owners[shard] ?? throw new InvalidOperationException($"Shard {shard} has no live silo.");
                moving = _moving[shard]!.Task;
            }

            await moving.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public IReadOnlyList<int> ShardsOf(InProcSilo silo)
    {
        lock (_lock) return Enumerable.Range(0, _owners.Length).Where(s => ReferenceEquals(_owners[s], silo)).ToList();
    }

    public InProcSilo? OwnerOf(int shard)
    {
        lock (_lock) return _owners[shard];
    }

    public void Assign(int shard, InProcSilo? silo)
    {
        lock (_lock) _owners[shard] = silo;
    }

    /// <summary>Takes the shard away from its owner; calls to it wait until <see cref="CompleteMove"/>.</summary>
    public void BeginMove(int shard)
    {
        lock (_lock) _moving[shard] ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void CompleteMove(int shard, InProcSilo? newOwner)
    {
        TaskCompletionSource? moving;
        lock (_lock)
        {
            _owners[shard] = newOwner;
            moving = _moving[shard];
            _moving[shard] = null;
        }

        moving?.TrySetResult();
    }
}
