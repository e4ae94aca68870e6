using System.Buffers;
using System.Net.WebSockets;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Reads whole messages, refusing any larger than the limit current at the time of the read (64 KiB before hello,
/// 25 MiB after) without buffering past it.
/// </summary>
internal sealed class WebSocketMessageReader(WebSocket socket)
{
    private const int ChunkSize = 16 * 1024;
    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkSize);

    public async ValueTask<InboundMessage> ReadAsync(int maxBytes, CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        while (true)
        {
            var memory = _buffer.GetMemory(ChunkSize);
            var result = await socket.ReceiveAsync(memory, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return InboundMessage.Closed;
            }

            _buffer.Advance(result.Count);
            if (_buffer.WrittenCount > maxBytes)
            {
                return InboundMessage.TooBig;
            }

            if (result.EndOfMessage)
            {
                // Copied: the buffer is reused for the next message while this one may still be dispatched.
                return new InboundMessage(InboundMessageKind.Message, result.MessageType, _buffer.WrittenMemory.ToArray());
            }
        }
    }
}
