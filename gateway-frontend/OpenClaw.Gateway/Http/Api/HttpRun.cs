using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>
/// One agent run an HTTP request waits for. It is subscribed to its session's event stream before the message is
/// sent, so no event of the run can be missed; it keeps only this run's text deltas and its completion. A request
/// that goes away (its token cancels) aborts the run; a run that outlives the wait limit is looked up, then aborted.
/// Deltas are held in a bounded buffer: once it is full, later deltas are skipped and the final text fills the gap.
/// </summary>
internal sealed partial class HttpRun : IAsyncDisposable
{
    /// <summary>Deltas buffered for a slow reader before skipping starts (see the class summary).</summary>
    public const int DeltaBufferCapacity = 1024;

    private readonly IChatSessionGrain _session;
    private readonly HttpApiOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<TextDelta> _deltas =
        Channel.CreateBounded<TextDelta>(new BoundedChannelOptions(DeltaBufferCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly TaskCompletionSource<RunSnapshot> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _deadline;
    private readonly RunTextTracker _text = new();
    private StreamSubscriptionHandle? _subscription;
    private volatile bool _overflowed;

    public HttpRun(string sessionKey, string runId, IChatSessionGrain session, TimeSpan waitLimit, TimeProvider time, HttpApiOptions options, ILogger logger)
    {
        SessionKey = sessionKey;
        RunId = runId;
        _session = session;
        _options = options;
        _logger = logger;
        _deadline = new CancellationTokenSource(waitLimit, time);
    }

    public string SessionKey { get; }
    public string RunId { get; }

    /// <summary>What the session said when it accepted the message.</summary>
    public RunAccepted? Accepted { get; private set; }

    /// <summary>Text sent to the client so far through <see cref="NextTextAsync"/>.</summary>
    public RunTextTracker Text => _text;

    internal async Task AttachAsync(IAsyncStream<SessionStreamEvent> stream) =>
        _subscription = await stream.SubscribeAsync(OnEventAsync).ConfigureAwait(false);

    internal async Task AcceptedAsync(RunAccepted accepted, CancellationToken cancellationToken)
    {
        Accepted = accepted;
        if (!accepted.Deduplicated) return;

        // A repeated idempotency key: the run may have ended before this request subscribed.
        var snapshot = await _session.GetRunAsync(RunId, cancellationToken).ConfigureAwait(false);
        if (RunStatuses.IsTerminal(snapshot.Status)) Complete(snapshot);
    }

    /// <summary>The next piece of reply text, or null once the run has ended (or the wait limit passed).</summary>
    public async Task<string?> NextTextAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
        try
        {
            while (await _deltas.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
            {
                while (_deltas.Reader.TryRead(out var delta))
                {
                    var piece = _text.Accept(delta.Text, delta.Replace);
                    if (piece.Length > 0) return piece;
                }
            }

            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await AbortAsync("client disconnected").ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (_deadline.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The run's terminal snapshot; after the wait limit, its current state or a timeout (having aborted it).</summary>
    public async Task<RunSnapshot> WaitForCompletionAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
        try
        {
            return await _completed.Task.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await AbortAsync("client disconnected").ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (_deadline.IsCancellationRequested)
        {
            var snapshot = await _session.GetRunAsync(RunId, cancellationToken).ConfigureAwait(false);
            if (RunStatuses.IsTerminal(snapshot.Status)) return snapshot;
            await AbortAsync("wait limit reached").ConfigureAwait(false);
            return new RunSnapshot { RunId = RunId, Status = RunStatuses.Timeout, SessionId = snapshot.SessionId };
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is { } subscription) await subscription.UnsubscribeAsync().ConfigureAwait(false);
        _deadline.Dispose();
    }

    /// <summary>Aborts the run unless it already ended; failures are logged (the run still ends by its own timeout).</summary>
    private async Task AbortAsync(string reason)
    {
        if (_completed.Task.IsCompleted) return;
        using var timeout = new CancellationTokenSource(_options.AbortTimeout);
        try
        {
            await _session.AbortAsync(RunId, timeout.Token).ConfigureAwait(false);
            LogAborted(_logger, SessionKey, RunId, reason);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogAbortFailed(_logger, exception, SessionKey, RunId);
        }
    }

    private Task OnEventAsync(SessionStreamEvent item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case ChatStreamEvent { State: ChatStates.Delta, DeltaText: { Length: > 0 } text } chat when chat.RunId == RunId:
                // After one delta did not fit, none are buffered: the reader then holds a gap-free prefix of the text.
                if (!_overflowed && !_deltas.Writer.TryWrite(new TextDelta(text, chat.Replace == true))) _overflowed = true;
                break;
            case RunCompleted done when done.Run.RunId == RunId:
                Complete(done.Run);
                break;
        }

        return Task.CompletedTask;
    }

    private void Complete(RunSnapshot snapshot)
    {
        _completed.TrySetResult(snapshot);
        _deltas.Writer.TryComplete();
    }

    private sealed record TextDelta(string Text, bool Replace);

    [LoggerMessage(1450, LogLevel.Information, "HTTP run {RunId} of session {SessionKey} aborted: {Reason}")]
    private static partial void LogAborted(ILogger logger, string sessionKey, string runId, string reason);

    [LoggerMessage(1451, LogLevel.Warning, "HTTP run {RunId} of session {SessionKey}: abort failed")]
    private static partial void LogAbortFailed(ILogger logger, Exception exception, string sessionKey, string runId);
}
