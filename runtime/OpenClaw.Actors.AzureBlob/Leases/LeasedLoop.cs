using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Actors.AzureBlob.Leases;

/// <summary>
/// Runs a loop body only while this process holds a blob lease, so that of all the processes that start the same
/// loop (the same container and blob) at most one runs it at a time: a channel account's long-poll, for instance.
/// While started it tries to acquire the lease (every <see cref="LeasedLoopOptions.AcquireRetryDelay"/> while someone
/// else holds it), runs the body with a token that is cancelled when the lease is lost (a renewal was refused, or
/// renewals kept failing until the lease could have expired; see <see cref="BlobLease"/>) or the loop stops, then
/// releases the lease and starts over. A body that fails or returns is restarted after
/// <see cref="LeasedLoopOptions.RestartDelay"/>.
/// <para>
/// The guarantee holds only for a body that stops promptly when its token is cancelled: the lease is given up by the
/// holder at most one renewal period before the service could hand it to someone else, and that margin is the time
/// the body has to stop.
/// </para>
/// </summary>
public sealed partial class LeasedLoop : IAsyncDisposable
{
    private readonly BlobRestClient _client;
    private readonly Func<CancellationToken, Task> _body;
    private readonly LeasedLoopOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _stopping;
    private Task? _supervisor;
    private volatile bool _running;

    public LeasedLoop(BlobRestClient client, string container, string blobName, Func<CancellationToken, Task> body,
        LeasedLoopOptions? options = null, TimeProvider? time = null, ILogger<LeasedLoop>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(body);
        BlobPaths.ValidateContainer(container);
        BlobPaths.ValidateBlob(blobName);
        _options = options ?? new LeasedLoopOptions();
        _options.Validate();
        _client = client;
        Container = container;
        BlobName = blobName;
        _body = body;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<LeasedLoop>.Instance;
    }

    public string Container { get; }

    public string BlobName { get; }

    /// <summary>True while the body runs here (this process holds the lease).</summary>
    public bool IsRunning => _running;

    /// <summary>Starts contending for the lease in the background; returns at once.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_supervisor is not null) throw new InvalidOperationException($"The leased loop on {Container}/{BlobName} is already started.");
            _stopping = new CancellationTokenSource();
            _supervisor = SuperviseAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    /// <summary>Cancels the body, waits for it to end (bounded by <paramref name="cancellationToken"/>) and releases the lease.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task? supervisor;
        lock (_lock)
        {
            supervisor = _supervisor;
            _supervisor = null;
            _stopping?.Cancel();
        }

        if (supervisor is null) return;
        try
        {
            await supervisor.WaitAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>The owned background task: acquire, run, release, again, until stopped. It never throws.</summary>
    private async Task SuperviseAsync(CancellationToken stopping)
    {
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            var lease = await TryAcquireAsync(stopping).ConfigureAwait(false);
            if (lease is null)
            {
                await PauseAsync(_options.AcquireRetryDelay, stopping).ConfigureAwait(false);
                continue;
            }

            bool restartAfterPause;
            await using (lease.ConfigureAwait(false))
            {
                restartAfterPause = await RunBodyAsync(lease, stopping).ConfigureAwait(false);
            }

            if (restartAfterPause) await PauseAsync(_options.RestartDelay, stopping).ConfigureAwait(false);
        }
    }

    private async Task<BlobLease?> TryAcquireAsync(CancellationToken stopping)
    {
        try
        {
            return await BlobLease.TryAcquireAsync(_client, Container, BlobName, _options.Lease with { AcquireTimeout = TimeSpan.Zero },
                _time, _logger, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            // The service or the network failed; the next attempt comes after the retry delay.
            LogAcquireFailed(ex, Container, BlobName);
            return null;
        }
    }

    /// <summary>Runs the body under the lease; true when the body ended by itself (failed or returned), not by loss or stop.</summary>
    private async Task<bool> RunBodyAsync(BlobLease lease, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, lease.Lost);
        if (linked.IsCancellationRequested) return false; // stopped while acquiring
        _running = true;
        LogBodyStarted(Container, BlobName);
        try
        {
            await _body(linked.Token).ConfigureAwait(false);
            if (linked.IsCancellationRequested) return false;
            LogBodyReturned(Container, BlobName);
            return true;
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            LogBodyFailed(ex, Container, BlobName);
            return true;
        }
        finally
        {
            _running = false;
            if (lease.IsLost && !stopping.IsCancellationRequested) LogBodyStoppedOnLoss(Container, BlobName);
        }
    }

    private async Task PauseAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the supervisor's loop ends.
        }
    }

    [LoggerMessage(2940, LogLevel.Information, "Leased loop on {Container}/{Blob}: lease held, loop started")]
    private partial void LogBodyStarted(string container, string blob);

    [LoggerMessage(2941, LogLevel.Warning, "Leased loop on {Container}/{Blob}: the lease was lost, the loop was stopped")]
    private partial void LogBodyStoppedOnLoss(string container, string blob);

    [LoggerMessage(2942, LogLevel.Error, "Leased loop on {Container}/{Blob}: the loop failed; lease released, restarting after a pause")]
    private partial void LogBodyFailed(Exception exception, string container, string blob);

    [LoggerMessage(2943, LogLevel.Warning, "Leased loop on {Container}/{Blob}: the loop returned; lease released, restarting after a pause")]
    private partial void LogBodyReturned(string container, string blob);

    [LoggerMessage(2944, LogLevel.Warning, "Leased loop on {Container}/{Blob}: acquiring the lease failed; retrying")]
    private partial void LogAcquireFailed(Exception exception, string container, string blob);
}
