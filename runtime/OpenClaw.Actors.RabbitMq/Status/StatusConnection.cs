using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq.Status;

/// <summary>
/// A node's broker connection for dashboard traffic (beats out, beats in, shard queue depth reads), apart from the
/// call connection so dashboard reads never queue behind grain calls. Opened on first use, which also declares the
/// status exchange; after that it recovers by itself (RabbitMQ.Client automatic recovery).
/// </summary>
internal sealed class StatusConnection(IOptions<RabbitMqTransportOptions> options, string clientName) : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile IConnection? _connection;
    private bool _disposed;

    public RabbitMqTransportOptions Transport => options.Value;
    public string Exchange => StatusTopology.Exchange(options.Value);

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open) return open;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is { } existing) return existing;
            var connection = await RabbitMqConnections.OpenAsync(options.Value, clientName, cancellationToken).ConfigureAwait(false);
            try
            {
                await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _connection = connection;
            return connection;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_connection is not { } connection) return;
            _connection = null;
            try
            {
                if (connection.IsOpen) await connection.CloseAsync().ConfigureAwait(false);
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
