using System.Collections.Concurrent;
using OpenClaw.Actors.Runtime;

namespace OpenClaw.Actors.Tests.Reminders;

public sealed record ReminderCall(GrainId GrainId, string ReminderName, TickStatus Status);

/// <summary>Records every delivery; optionally fails the deliveries of chosen grains.</summary>
public sealed class RecordingReminderInvoker : IReminderInvoker
{
    private readonly ConcurrentQueue<ReminderCall> _calls = new();

    public ConcurrentDictionary<GrainId, bool> Failing { get; } = new();

    public IReadOnlyList<ReminderCall> Calls => [.. _calls];

    public Task InvokeAsync(GrainId grainId, string reminderName, TickStatus status, CancellationToken cancellationToken)
    {
        _calls.Enqueue(new ReminderCall(grainId, reminderName, status));
        return Failing.ContainsKey(grainId)
            ? Task.FromException(new InvalidOperationException($"{grainId} refused the reminder"))
            : Task.CompletedTask;
    }

    public IReadOnlyList<ReminderCall> CallsFor(GrainId grainId) => [.. _calls.Where(call => call.GrainId == grainId)];

    /// <summary>Waits (bounded) until <paramref name="grainId"/> has had at least <paramref name="count"/> deliveries.</summary>
    public async Task WaitForCallsAsync(GrainId grainId, int count, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (CallsFor(grainId).Count < count)
        {
            if (waited.Elapsed > limit)
                throw new TimeoutException($"{grainId} had {CallsFor(grainId).Count} reminder calls after {limit}, expected {count}.");
            await Task.Delay(5);
        }
    }
}

/// <summary>Owns every grain except the ones listed in <see cref="NotOwned"/>.</summary>
public sealed class TestGrainOwnership : ILocalGrainOwnership
{
    public ConcurrentDictionary<GrainId, bool> NotOwned { get; } = new();

    public bool Owns(GrainId grainId) => !NotOwned.ContainsKey(grainId);
}
