using System.Collections.Concurrent;
using System.Diagnostics;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>
/// A continuous, bounded call load: <c>workers</c> callers each send one call at a time (a fresh call id per call) to
/// <see cref="ICountingGrain"/>s over a fixed key set, until <see cref="StopAsync"/>, a call budget, or a time limit ends it.
/// Every outcome is kept: the client's view (succeeded ids, failures with their exception) is compared with what the
/// grains ran (the <see cref="CallLedger"/>) and counted (their persisted state).
/// </summary>
public sealed class CallLoad
{
    private readonly ConcurrentDictionary<string, string> _succeeded = new(); // call id → key
    private readonly ConcurrentQueue<(string CallId, Exception Error, TimeSpan At)> _failures = new();
    private readonly CancellationTokenSource _stop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _run;
    private int _budget;

    private CallLoad(IClusterClient client, IReadOnlyList<string> keys, int workers, int maxCalls, TimeSpan maxDuration, bool idempotent)
    {
        Keys = keys;
        _budget = maxCalls;
        _stop = new CancellationTokenSource(maxDuration);
        _run = Task.WhenAll(Enumerable.Range(0, workers).Select(worker => RunWorkerAsync(client, worker, idempotent)));
    }

    public IReadOnlyList<string> Keys { get; }

    public int Succeeded => _succeeded.Count;

    public IReadOnlyDictionary<string, string> SucceededCalls => _succeeded;

    public IReadOnlyList<(string CallId, Exception Error, TimeSpan At)> Failures => [.. _failures];

    /// <summary>Time since the load started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public static CallLoad Start(IClusterClient client, int keys, int workers, int maxCalls, TimeSpan maxDuration, bool idempotent = false) =>
        new(client, [.. Enumerable.Range(0, keys).Select(_ => Wait.NewKey())], workers, maxCalls, maxDuration, idempotent);

    /// <summary>Waits until <paramref name="count"/> calls have succeeded (bounded).</summary>
    public Task UntilSucceededAsync(int count, TimeSpan? timeout = null) =>
        Wait.UntilAsync(() => Succeeded >= count || _run.IsCompleted, $"{count} calls of the load succeeded", timeout);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Wait.Timeout + Wait.Timeout);
        _stop.Dispose();
    }

    private async Task RunWorkerAsync(IClusterClient client, int worker, bool idempotent)
    {
        await Task.Yield();
        for (var i = worker; !_stop.IsCancellationRequested && Interlocked.Decrement(ref _budget) >= 0; i++)
        {
            var key = Keys[i % Keys.Count];
            var callId = $"{worker}-{i}-{Guid.NewGuid():N}";
            var grain = client.GetGrain<ICountingGrain>(key);
            try
            {
                var call = idempotent ? grain.ApplyOnceAsync(callId, holdAfterWrite: false) : grain.CountAsync(callId);
                await call.WaitAsync(TimeSpan.FromSeconds(30));
                _succeeded[callId] = key;
            }
            catch (Exception exception)
            {
                _failures.Enqueue((callId, exception, _clock.Elapsed));
            }
        }
    }
}
