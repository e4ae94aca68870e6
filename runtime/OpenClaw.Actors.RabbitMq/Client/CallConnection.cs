using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Client;

/// <summary>
/// A client's connection: the topology declared once, then a fixed set of <see cref="CallChannel"/>s used in turn. The
/// connection recovers by itself after a broker restart or network failure (RabbitMQ.Client automatic recovery re-opens
/// the channels and their reply-to consumers); the calls waiting at that moment are failed at once with a retryable
/// <see cref="GrainCallInterruptedException"/>, since their direct reply-to addresses died with the old channels.
/// </summary>
internal sealed class CallConnection : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly CallChannel[] _channels;
    private int _next = -1;

    private CallConnection(IConnection connection, CallChannel[] channels)
    {
        _connection = connection;
        _channels = channels;
    }

    public static async Task<CallConnection> OpenAsync(RabbitMqTransportOptions options, ShardTopology topology, PendingCalls pending,
        Action<string?> lateAnswer, string clientName, CancellationToken cancellationToken)
    {
        var connection = await RabbitMqConnections.OpenAsync(options, clientName, cancellationToken).ConfigureAwait(false);
        connection.ConnectionShutdownAsync += (_, shutdown) =>
        {
            pending.FailAll(() => new GrainCallInterruptedException(
                $"The broker connection closed ({shutdown.ReplyCode} {shutdown.ReplyText}) while the call waited for its answer; it may or may not have run. Retry with the same idempotency key.",
                mayHaveRun: true));
            return Task.CompletedTask;
        };
        var channels = new List<CallChannel>();
        try
        {
            await using (var declaring = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                await topology.DeclareAsync(declaring, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < options.ClientChannelCount; i++)
                channels.Add(await CallChannel.OpenAsync(connection, pending, lateAnswer, cancellationToken).ConfigureAwait(false));
            return new CallConnection(connection, [.. channels]);
        }
        catch
        {
            foreach (var channel in channels) await channel.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public CallChannel NextChannel() => _channels[(int)((uint)Interlocked.Increment(ref _next) % (uint)_channels.Length)];

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var channel in _channels) await channel.DisposeAsync().ConfigureAwait(false);
            if (_connection.IsOpen) await _connection.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
