using System.Collections.Concurrent;
using System.Diagnostics;
using OpenClaw.Actors.RabbitMq.Tests.TestGrains;

namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>
/// A continuous, bounded load of <see cref="IJobGrain"/> starts, shaped like chat sends: <c>workers</c> callers each
/// start one job at a time on a fresh grain (so jobs never queue behind each other), with a short background work,
/// and every third call reads the shared index instead. Runs until <see cref="StopAsync"/>, a job budget or a time
/// limit. Every call must succeed; failures are kept with the time they happened.
/// </summary>
public sealed class JobLoad
{
    private readonly ConcurrentQueue<(string JobId, string Key)> _started = new();
    private readonly ConcurrentQueue<(string What, Exception Error, TimeSpan At)> _failures = new();
    private readonly CancellationTokenSource _stop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _callBound;
    private readonly Task _run;
    private int _budget;

    private JobLoad(IClusterClient client, int workers, int maxJobs, TimeSpan maxDuration, TimeSpan callBound)
    {
        _budget = maxJobs;
        _callBound = callBound;
        _stop = new CancellationTokenSource(maxDuration);
        _run = Task.WhenAll(Enumerable.Range(0, workers).Select(worker => RunWorkerAsync(client, worker)));
    }

    /// <summary>Every job whose start call succeeded, with its grain key.</summary>
    public IReadOnlyList<(string JobId, string Key)> Started => [.. _started];

    public IReadOnlyList<(string What, Exception Error, TimeSpan At)> Failures => [.. _failures];

    public TimeSpan Elapsed => _clock.Elapsed;

    public static JobLoad Start(IClusterClient client, int workers, int maxJobs, TimeSpan maxDuration, TimeSpan callBound) =>
        new(client, workers, maxJobs, maxDuration, callBound);

    public Task UntilStartedAsync(int count) =>
        Wait.UntilAsync(() => _started.Count >= count || _run.IsCompleted, $"{count} jobs of the load started");

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(_callBound + _callBound);
        _stop.Dispose();
    }

    private async Task RunWorkerAsync(IClusterClient client, int worker)
    {
        await Task.Yield();
        var index = client.GetGrain<IJobIndexGrain>(JobIndexGrain.Key);
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var what = "index read";
            try
            {
                if (i % 3 == 2)
                {
                    await index.CountAsync().WaitAsync(_callBound);
                    continue;
                }

                if (Interlocked.Decrement(ref _budget) < 0) return;
                var key = Wait.NewKey();
                var jobId = $"job-{worker}-{i}-{Guid.NewGuid():N}";
                what = $"start {jobId}";
                await client.GetGrain<IJobGrain>(key).StartAsync(jobId, workMilliseconds: i % 7 * 3).WaitAsync(_callBound);
                _started.Enqueue((jobId, key));
            }
            catch (Exception exception)
            {
                _failures.Enqueue((what, exception, _clock.Elapsed));
            }
        }
    }
}
