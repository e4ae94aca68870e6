using Microsoft.Extensions.Logging;
using RabbitMQ.Client.Events;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// Keeps one <see cref="StreamLinkSession"/> open. The first connect is the caller's (<see cref="ConnectAsync"/>, which
/// throws when the broker is unreachable); after that, whenever the session is lost (broker restart, network failure,
/// a channel error) one reconnect loop opens a new session every <see cref="RabbitMqStreamOptions.ReconnectInterval"/>
/// until it succeeds, re-declaring the exchange, the node queue and every binding (<see cref="StreamBindings"/>).
/// Publishers wait for the next session with <see cref="WaitForSessionAsync"/>.
/// </summary>
internal sealed partial class StreamLink : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(10);

    private readonly StreamProviderSettings _settings;
    private readonly StreamTopology _topology;
    private readonly StreamBindings _bindings;
    private readonly Func<BasicDeliverEventArgs, CancellationToken, Task> _onDelivery;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stateLock = new();
    private TaskCompletionSource<StreamLinkSession> _ready = NewReady();
    private StreamLinkSession? _session;
    private Task _reconnect = Task.CompletedTask;
    private volatile bool _started;
    private int _generation;

    public StreamLink(StreamProviderSettings settings, StreamTopology topology, StreamBindings bindings,
        Func<BasicDeliverEventArgs, CancellationToken, Task> onDelivery, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _topology = topology;
        _bindings = bindings;
        _onDelivery = onDelivery;
        _time = time;
        _logger = logger;
    }

    /// <summary>The open session, or null while disconnected.</summary>
    public StreamLinkSession? Current
    {
        get
        {
            lock (_stateLock) return _session is { IsLost: false } session ? session : null;
        }
    }

    /// <summary>How many sessions have been opened (1 after the first connect, +1 per reconnect).</summary>
    public int Generation => Volatile.Read(ref _generation);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_started) return;
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            if (_started) return;
            await OpenSessionAsync(cancellationToken).ConfigureAwait(false);
            _started = true;
            LogConnected(RabbitMqTransportOptionsValidator.Redact(_settings.Uri), _topology.Exchange, _topology.NodeQueue);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>
    /// The open session, waiting for a reconnect if needed; null when <paramref name="abandoned"/> completes first (the
    /// publisher gave up).
    /// </summary>
    public async Task<StreamLinkSession?> WaitForSessionAsync(Task abandoned, CancellationToken stopping)
    {
        while (true)
        {
            Task<StreamLinkSession> ready;
            lock (_stateLock) ready = _ready.Task;
            if (ready.IsCompletedSuccessfully && !ready.Result.IsLost) return ready.Result; // the usual case: connected
            var first = await Task.WhenAny(ready, abandoned).WaitAsync(stopping).ConfigureAwait(false);
            if (first == abandoned) return null;
            var session = await ready.ConfigureAwait(false);
            if (!session.IsLost) return session;
            // Lost but not yet replaced: by the time Lost completes, _ready is a fresh wait.
            await session.Lost.WaitAsync(stopping).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection as a network failure would (tests); the link reconnects as it would then.</summary>
    internal async Task AbortAsync()
    {
        if (Current is { } session) await session.AbortConnectionAsync().ConfigureAwait(false);
    }

    private async Task OpenSessionAsync(CancellationToken cancellationToken)
    {
        var session = await StreamLinkSession.OpenAsync(_settings, _topology, _onDelivery, OnLost, _stopping.Token, cancellationToken).ConfigureAwait(false);
        try
        {
            await _bindings.ApplyAllAsync(session, () => Publish(session), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Makes <paramref name="session"/> current; called with every binding in place.</summary>
    private void Publish(StreamLinkSession session)
    {
        lock (_stateLock)
        {
            // Lost while its bindings were being declared: OnLost ignored it as not current, so fail the open and retry.
            if (session.IsLost) throw new InvalidOperationException("The connection was lost while it was being set up.");
            _session = session;
            _generation++;
            _ready.TrySetResult(session);
        }
    }

    private void OnLost(StreamLinkSession session, string reason)
    {
        lock (_stateLock)
        {
            if (!ReferenceEquals(_session, session) || _stopping.IsCancellationRequested) return;
            _session = null;
            _ready = NewReady();
            _reconnect = Task.Run(() => ReconnectAsync(session));
        }

        LogLost(reason);
    }

    private async Task ReconnectAsync(StreamLinkSession lost)
    {
        try
        {
            await lost.DisposeAsync().AsTask().WaitAsync(ShutdownLimit, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCloseFailed(exception);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var interval = _settings.Options.ReconnectInterval;
        for (var attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(interval, _time, _stopping.Token).ConfigureAwait(false);
                await OpenSessionAsync(_stopping.Token).ConfigureAwait(false);
                LogReconnected(attempt, _topology.NodeQueue);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The first failure and then one in ten: a long outage must not flood the log.
                if (attempt % 10 == 1) LogReconnectFailed(exception, attempt, interval);
            }
        }
    }

    /// <summary>Stops reconnecting; deletes the node queue when <paramref name="deleteQueue"/> (a graceful stop), then closes.</summary>
    public async Task StopAsync(bool deleteQueue)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        StreamLinkSession? session;
        Task reconnect;
        lock (_stateLock)
        {
            session = _session;
            _session = null;
            reconnect = _reconnect;
            _ready.TrySetCanceled();
        }

        try
        {
            await reconnect.WaitAsync(ShutdownLimit).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            LogCloseFailed(exception);
        }

        if (session is null) return;
        try
        {
            if (deleteQueue && !session.IsLost)
            {
                using var limit = new CancellationTokenSource(ShutdownLimit);
                await session.DeleteNodeQueueAsync(limit.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            LogCloseFailed(exception);
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(deleteQueue: false).ConfigureAwait(false);

    private static TaskCompletionSource<StreamLinkSession> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(2800, LogLevel.Information, "Stream provider connected to {Broker}: exchange {Exchange}, node queue {NodeQueue}")]
    private partial void LogConnected(string broker, string exchange, string nodeQueue);

    [LoggerMessage(2801, LogLevel.Warning, "Stream provider lost its broker connection ({Reason}); reconnecting")]
    private partial void LogLost(string reason);

    [LoggerMessage(2802, LogLevel.Information, "Stream provider reconnected after {Attempts} attempt(s); node queue {NodeQueue} and its bindings declared again")]
    private partial void LogReconnected(int attempts, string nodeQueue);

    [LoggerMessage(2803, LogLevel.Warning, "Stream provider reconnect attempt {Attempt} failed; retrying every {Interval}")]
    private partial void LogReconnectFailed(Exception exception, int attempt, TimeSpan interval);

    [LoggerMessage(2804, LogLevel.Debug, "Closing a stream provider connection failed")]
    private partial void LogCloseFailed(Exception exception);
}
