using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Methods.Diagnostics;

/// <summary>
/// Measures this process's load for <c>eventLoop</c> in health/status. Node's event-loop delay has no direct .NET
/// counterpart; the closest honest one is how long a work item waits for a thread-pool thread, sampled every
/// <see cref="SampleInterval"/>, plus process CPU time and GC pause time, over the last <see cref="WindowSamples"/>
/// ticks (a fixed ring, so memory stays bounded).
/// </summary>
internal sealed partial class RuntimeLoadMonitor(TimeProvider time, ILogger<RuntimeLoadMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(500);
    public const int WindowSamples = 20;

    private readonly Lock _gate = new();
    private readonly RuntimeLoadSample[] _window = new RuntimeLoadSample[WindowSamples];
    private int _count;
    private int _next;
    private long? _degradedSinceMs;
    private EventLoopStatus? _latest;

    private long _lastTimestamp;
    private TimeSpan _lastCpu;
    private TimeSpan _lastGcPause;

    /// <summary>The status over the current window; before the first tick, averages over the process lifetime.</summary>
    public EventLoopStatus Current()
    {
        lock (_gate)
        {
            return _latest ?? LifetimeStatus();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _lastTimestamp = time.GetTimestamp();
        _lastCpu = Environment.CpuUsage.TotalTime;
        _lastGcPause = GC.GetTotalPauseDuration();
        using var timer = new PeriodicTimer(SampleInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var dispatchDelayMs = await MeasureDispatchDelayAsync(stoppingToken).ConfigureAwait(false);
                Record(dispatchDelayMs);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task<double> MeasureDispatchDelayAsync(CancellationToken cancellationToken)
    {
        var queuedAt = time.GetTimestamp();
        return await Task.Run(() => time.GetElapsedTime(queuedAt).TotalMilliseconds, cancellationToken).ConfigureAwait(false);
    }

    private void Record(double dispatchDelayMs)
    {
        var now = time.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        var gcPause = GC.GetTotalPauseDuration();
        var sample = new RuntimeLoadSample(
            time.GetUtcNow().ToUnixTimeMilliseconds(),
            time.GetElapsedTime(_lastTimestamp, now).TotalMilliseconds,
            dispatchDelayMs,
            (cpu - _lastCpu).TotalMilliseconds,
            (gcPause - _lastGcPause).TotalMilliseconds,
            ThreadPool.PendingWorkItemCount);
        (_lastTimestamp, _lastCpu, _lastGcPause) = (now, cpu, gcPause);

        bool? changedTo = null;
        lock (_gate)
        {
            _window[_next] = sample;
            _next = (_next + 1) % WindowSamples;
            _count = Math.Min(_count + 1, WindowSamples);
            var wasDegraded = _degradedSinceMs is not null;
            _latest = WindowStatus(sample.AtUnixMs);
            if (_latest.Degraded != wasDegraded)
            {
                changedTo = _latest.Degraded;
            }
        }

        if (changedTo is true)
        {
            LogDegraded(logger, string.Join(", ", _latest.Reasons));
        }
        else if (changedTo is false)
        {
            LogRecovered(logger);
        }
    }

    private EventLoopStatus WindowStatus(long nowUnixMs)
    {
        double wallMs = 0, cpuMs = 0, gcPauseMs = 0;
        var delays = new double[_count];
        for (var i = 0; i < _count; i++)
        {
            var sample = _window[i];
            wallMs += sample.WallMs;
            cpuMs += sample.CpuMs;
            gcPauseMs += sample.GcPauseMs;
            delays[i] = sample.DispatchDelayMs;
        }

        Array.Sort(delays);
        var p99 = delays[Math.Min(delays.Length - 1, (int)Math.Ceiling(delays.Length * 0.99) - 1)];
        var max = delays[^1];
        var latestPending = _window[(_next + WindowSamples - 1) % WindowSamples].PendingWorkItems;
        var cpuCoreRatio = wallMs > 0 ? cpuMs / wallMs : 0;
        var utilization = Math.Min(1, cpuCoreRatio / Environment.ProcessorCount);
        var gcShare = wallMs > 0 ? gcPauseMs / wallMs : 0;

        var reasons = new List<string>();
        if (p99 > RuntimeLoadThresholds.DispatchDelayP99Ms)
        {
            reasons.Add(RuntimeLoadThresholds.DispatchDelayReason);
        }

        if (utilization > RuntimeLoadThresholds.Utilization)
        {
            reasons.Add(RuntimeLoadThresholds.UtilizationReason);
        }

        if (gcShare > RuntimeLoadThresholds.GcPauseShare)
        {
            reasons.Add(RuntimeLoadThresholds.GcPauseReason);
        }

        if (latestPending > RuntimeLoadThresholds.PendingWorkItems)
        {
            reasons.Add(RuntimeLoadThresholds.PendingWorkReason);
        }

        _degradedSinceMs = reasons.Count == 0 ? null : _degradedSinceMs ?? nowUnixMs;
        return new EventLoopStatus(
            reasons.Count > 0,
            _degradedSinceMs,
            reasons,
            Math.Round(wallMs, 3),
            Math.Round(p99, 1),
            Math.Round(max, 1),
            Math.Round(utilization, 3),
            Math.Round(cpuCoreRatio, 3));
    }

    private EventLoopStatus LifetimeStatus()
    {
        var uptimeMs = ProcessUptime.Get(time).TotalMilliseconds;
        var cpuCoreRatio = uptimeMs > 0 ? Environment.CpuUsage.TotalTime.TotalMilliseconds / uptimeMs : 0;
        return new EventLoopStatus(
            false,
            null,
            [],
            Math.Round(uptimeMs, 3),
            0,
            0,
            Math.Round(Math.Min(1, cpuCoreRatio / Environment.ProcessorCount), 3),
            Math.Round(cpuCoreRatio, 3));
    }

    [LoggerMessage(EventId = 1850, Level = LogLevel.Warning, Message = "Gateway runtime degraded: {Reasons}")]
    private static partial void LogDegraded(ILogger logger, string reasons);

    [LoggerMessage(EventId = 1851, Level = LogLevel.Information, Message = "Gateway runtime recovered")]
    private static partial void LogRecovered(ILogger logger);
}
