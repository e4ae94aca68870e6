using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Events;

namespace OpenClaw.Grains.Tests.Sessions.Support;

/// <summary>Everything published on one session's stream, in order, with bounded waits.</summary>
public sealed class SessionEventLog : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<SessionStreamEvent> _events = [];
    private StreamSubscriptionHandle? _subscription;

    public static async Task<SessionEventLog> SubscribeAsync(IStreamProvider streams, string sessionKey)
    {
        var log = new SessionEventLog();
        log._subscription = await streams.GetStream<SessionStreamEvent>(SessionStreams.Events(sessionKey)).SubscribeAsync(
            (item, _) => { lock (log._lock) log._events.Add(item); return Task.CompletedTask; },
            new StreamSubscriptionOptions { Capacity = 100_000, OverflowPolicy = StreamOverflowPolicy.Wait });
        return log;
    }

    public IReadOnlyList<SessionStreamEvent> Events
    {
        get { lock (_lock) return [.. _events]; }
    }

    public IReadOnlyList<SessionStreamEvent> ForRun(string runId) => Events.Where(e => e switch
    {
        ChatStreamEvent chat => chat.RunId == runId,
        AgentStreamEvent agent => agent.RunId == runId,
        RunCompleted completed => completed.Run.RunId == runId,
        _ => false,
    }).ToList();

    public async Task<RunCompleted> WaitForCompletionAsync(string runId, TimeSpan? timeout = null) =>
        (RunCompleted)await WaitForAsync(e => e is RunCompleted c && c.Run.RunId == runId, timeout);

    public async Task<SessionStreamEvent> WaitForAsync(Func<SessionStreamEvent, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Wait.Timeout);
        while (true)
        {
            var found = Events.FirstOrDefault(match);
            if (found is not null) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No matching event within the wait; saw {Events.Count} events.");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null) await _subscription.DisposeAsync();
    }
}

public static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Polls <paramref name="condition"/> until true or the bound passes.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }
}
