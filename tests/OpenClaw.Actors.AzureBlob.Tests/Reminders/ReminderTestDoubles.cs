using System.Collections.Concurrent;
using System.Diagnostics;
using OpenClaw.Actors.AzureBlob.Reminders;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Runtime;

namespace OpenClaw.Actors.AzureBlob.Tests.Reminders;

/// <summary>The shards one test silo owns; tests move shards between silos by hand, as the transport would.</summary>
public sealed class TestShardOwnership(int shardCount) : IReminderShardOwnership, ILocalGrainOwnership
{
    private readonly int[] _owned = new int[shardCount];

    public int ShardCount => shardCount;

    public bool OwnsShard(int shard) => Volatile.Read(ref _owned[shard]) == 1;

    public bool Owns(GrainId grainId) => OwnsShard(ShardMap.ShardOf(grainId, shardCount));

    public TestShardOwnership Gain(int shard)
    {
        Volatile.Write(ref _owned[shard], 1);
        return this;
    }

    public TestShardOwnership GainAll()
    {
        for (var shard = 0; shard < shardCount; shard++) Gain(shard);
        return this;
    }

    public void Lose(int shard) => Volatile.Write(ref _owned[shard], 0);
}

public sealed record ReminderDelivery(GrainId GrainId, string ReminderName, TickStatus Status);

/// <summary>Records every delivery, thread-safely.</summary>
public sealed class RecordingReminderInvoker : IReminderInvoker
{
    private readonly ConcurrentQueue<ReminderDelivery> _deliveries = new();

    public IReadOnlyList<ReminderDelivery> Deliveries => [.. _deliveries];

    public Task InvokeAsync(GrainId grainId, string reminderName, TickStatus status, CancellationToken cancellationToken)
    {
        _deliveries.Enqueue(new ReminderDelivery(grainId, reminderName, status));
        return Task.CompletedTask;
    }

    /// <summary>Waits (bounded) for the first delivery to <paramref name="grainId"/>.</summary>
    public async Task WaitForAsync(GrainId grainId, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!_deliveries.Any(d => d.GrainId == grainId))
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"{grainId} got no reminder within {timeout}.");
            await Task.Delay(10);
        }
    }
}
