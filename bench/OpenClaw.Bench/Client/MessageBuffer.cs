using System.Buffers;
using System.Net.WebSockets;

namespace OpenClaw.Bench.Client;

/// <summary>Reassembles one WebSocket text message into a pooled buffer that grows by doubling.
/// Overflow rule: a message larger than <see cref="MaxMessageBytes"/> fails the connection with an exception.</summary>
internal sealed class MessageBuffer : IDisposable
{
    public const int MaxMessageBytes = 8 * 1024 * 1024;

    private byte[] _buffer;

    public MessageBuffer(int initialBytes) => _buffer = ArrayPool<byte>.Shared.Rent(initialBytes);

    /// <summary>Receives the next whole message; returns null when the peer sent a close frame.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
                Grow();
            var result = await socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            length += result.Count;
            if (result.EndOfMessage)
                return _buffer.AsMemory(0, length);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Grow()
    {
        if (_buffer.Length >= MaxMessageBytes)
            throw new InvalidOperationException($"A gateway message exceeded {MaxMessageBytes} bytes.");
        var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
