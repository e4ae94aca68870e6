using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace OpenClaw.Actors.Runtime.Reminders;

/// <summary>
/// The silo's reminder service: hands each activation its <see cref="IReminderRegistry"/>, and while started runs
/// one <see cref="ReminderDispatcher"/> pass every <see cref="ReminderOptions.TickQuantum"/> on the
/// <see cref="TimeProvider"/>. A pass that fails (the table cannot be read, …) is logged and the loop goes on.
/// Passes never overlap; ticks that come during a long pass are coalesced into one.
/// </summary>
public sealed partial class ReminderService : IAsyncDisposable
{
    private readonly IReminderTable _table;
    private readonly TimeProvider _timeProvider;
    private readonly ReminderOptions _options;
    private readonly ReminderDispatcher _dispatcher;
    private readonly ILogger<ReminderService> _logger;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    public ReminderService(
        IReminderTable table,
        IReminderInvoker invoker,
        ILocalGrainOwnership ownership,
        TimeProvider timeProvider,
        IOptions<ReminderOptions> options,
        ILogger<ReminderService> logger,
        ILoggerFactory? loggerFactory = null)
    {
        _table = table;
        _timeProvider = timeProvider;
        _options = options.Value;
        var validation = new ReminderOptionsValidator().Validate(Options.DefaultName, _options);
        if (validation.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(ReminderOptions), validation.Failures);
        _logger = logger;
        _dispatcher = new ReminderDispatcher(table, invoker, ownership, timeProvider, options,
            loggerFactory?.CreateLogger<ReminderDispatcher>() ?? NullLogger<ReminderDispatcher>.Instance);
    }

    /// <summary>The reminders of <paramref name="grainId"/> (what <see cref="IGrainContext.Reminders"/> returns).</summary>
    public IReminderRegistry GetRegistry(GrainId grainId) => new GrainReminderRegistry(grainId, _table, _timeProvider, _options);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_loop is not null) throw new InvalidOperationException("The reminder service is already started.");
            _stopping = new CancellationTokenSource();
            // The timer is armed here, not in the loop, so a clock that moves right after StartAsync is never missed.
            _loop = RunAsync(new PeriodicTimer(_options.TickQuantum, _timeProvider), _stopping.Token);
        }

        LogStarted(_options.TickQuantum);
        return Task.CompletedTask;
    }

    /// <summary>Stops the loop and waits for the current pass (bounded by <paramref name="cancellationToken"/>).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task? loop;
        lock (_lock)
        {
            loop = _loop;
            _loop = null;
            _stopping?.Cancel();
        }

        if (loop is null) return;
        try
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _stopping?.Dispose();
                _stopping = null;
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private async Task RunAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        using var owned = timer;
        await Task.Yield(); // StartAsync returns before the first pass
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await _dispatcher.FireDueAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    LogPassFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }

        LogStopped();
    }

    [LoggerMessage(2500, LogLevel.Information, "Reminder service started; checking for due reminders every {TickQuantum}")]
    private partial void LogStarted(TimeSpan tickQuantum);

    [LoggerMessage(2501, LogLevel.Information, "Reminder service stopped")]
    private partial void LogStopped();

    [LoggerMessage(2502, LogLevel.Error, "A reminder pass failed; the next pass runs as scheduled")]
    private partial void LogPassFailed(Exception exception);
}
