using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// The ordered path of the streams that hash to one publish channel: a bounded queue
/// (<see cref="RabbitMqStreamOptions.PublishQueueCapacity"/>; a full queue makes publishers wait, within their
/// timeout) drained by a single writer into that channel of the current session. One writer per channel is what keeps a
/// stream's items in publish order on the wire. Without a session the writer waits for the next one; an item that had
/// not been written when its channel closed is written on the next session, one that had been written fails (it may
/// have arrived) and is never re-sent.
/// </summary>
internal sealed partial class PublishLane
{
    private readonly int _index;
    private readonly StreamLink _link;
    private readonly ILogger _logger;
    private readonly Channel<PublishRequest> _queue;
    private Task _writer = Task.CompletedTask;

    public PublishLane(int index, int capacity, StreamLink link, ILogger logger)
    {
        _index = index;
        _link = link;
        _logger = logger;
        _queue = Channel.CreateBounded<PublishRequest>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public void Start(CancellationToken stopping) => _writer = Task.Run(() => WriteAllAsync(stopping));

    public ValueTask EnqueueAsync(PublishRequest request, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(request, cancellationToken);

    /// <summary>Stops taking items; the writer fails what is left and ends.</summary>
    public Task StopAsync()
    {
        _queue.Writer.TryComplete();
        return _writer;
    }

    private async Task WriteAllAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var request in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
                await WriteAsync(request, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Provider disposed.
        }
        catch (Exception exception)
        {
            LogWriterFailed(exception, _index);
        }
        finally
        {
            while (_queue.Reader.TryRead(out var left))
                left.Fail(new StreamPublishException(left.StreamId, "the stream provider stopped before the item was sent."));
        }
    }

    private async Task WriteAsync(PublishRequest request, CancellationToken stopping)
    {
        try
        {
            while (!request.IsDone)
            {
                var session = await _link.WaitForSessionAsync(request.Completion, stopping).ConfigureAwait(false);
                if (session is null) return; // the publisher gave up while the broker was away
                if (await session.Publisher(_index).TryWriteAsync(request).ConfigureAwait(false)) return;
                // The channel closed before the item went out: it is safe to write it on the next session.
                await session.Lost.WaitAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            request.Fail(new StreamPublishException(request.StreamId, "the stream provider stopped before the item was confirmed."));
            throw;
        }
        catch (Exception exception)
        {
            request.Fail(new StreamPublishException(request.StreamId,
                "writing the item to the broker failed; it may or may not have been delivered.", exception));
        }
    }

    [LoggerMessage(2806, LogLevel.Error, "Stream publish channel {Lane} stopped writing")]
    private partial void LogWriterFailed(Exception exception, int lane);
}
