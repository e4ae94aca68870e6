using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Reads whole messages, refusing any larger than the limit current at the time of the read (64 KiB before hello,
/// 25 MiB after) without buffering past it. An idle connection holds no receive buffer: it waits with a zero-byte
/// receive (which returns once the next data frame's header is in) and rents from <see cref="ArrayPool{T}"/> only
/// while a message is being read. The message's data is that rented array; the caller returns it with
/// <see cref="InboundMessage.Dispose"/> once the frame is parsed.
/// </summary>
/// <param name="pool">Where message buffers come from; <see cref="ArrayPool{T}.Shared"/> unless a test counts them.</param>
internal sealed class WebSocketMessageReader(WebSocket socket, ArrayPool<byte>? pool = null)
{
    private readonly ArrayPool<byte> _pool = pool ?? ArrayPool<byte>.Shared;

    private const int FirstRentBytes = 4 * 1024;

    /// <summary>Waits for the next message and reads it whole; see <see cref="WaitForMessageAsync"/> and <see cref="ReadMessageAsync"/>.</summary>
    public async ValueTask<InboundMessage> ReadAsync(int maxBytes, CancellationToken cancellationToken)
    {
        var first = await WaitForMessageAsync(cancellationToken).ConfigureAwait(false);
        return await ReadMessageAsync(first, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits, holding no buffer, until the next data frame's header is in (or the close). Awaited by the caller
    /// directly, so an idle connection's wait is the socket's own pooled operation and no state machine of ours.
    /// </summary>
    public ValueTask<ValueWebSocketReceiveResult> WaitForMessageAsync(CancellationToken cancellationToken) =>
        socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);

    /// <summary>Reads the message whose header <paramref name="first"/> announced. Pooled: a read that has to wait allocates nothing per message.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<InboundMessage> ReadMessageAsync(ValueWebSocketReceiveResult first, int maxBytes, CancellationToken cancellationToken)
    {
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return InboundMessage.Closed;
        }

        if (first.EndOfMessage)
        {
            return new InboundMessage(InboundMessageKind.Message, first.MessageType, default);
        }

        var buffer = _pool.Rent(FirstRentBytes);
        var written = 0;
        var handedOver = false;
        try
        {
            while (true)
            {
                if (written == buffer.Length)
                {
                    buffer = Grow(buffer, written);
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(written), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return InboundMessage.Closed;
                }

                written += result.Count;
                if (written > maxBytes)
                {
                    return InboundMessage.TooBig;
                }

                if (result.EndOfMessage)
                {
                    handedOver = true;
                    return new InboundMessage(InboundMessageKind.Message, first.MessageType, buffer, written, _pool);
                }
            }
        }
        finally
        {
            if (!handedOver)
            {
                _pool.Return(buffer);
            }
        }
    }

    private byte[] Grow(byte[] buffer, int written)
    {
        var larger = _pool.Rent(buffer.Length * 2);
        buffer.AsSpan(0, written).CopyTo(larger);
        _pool.Return(buffer);
        return larger;
    }
}
