using System.Buffers;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// One serialized frame in an array rented from <see cref="FrameBuffers"/>. Ownership moves with the value:
/// whoever holds it last (the connection's writer after the send, or the queue when it refuses the frame) calls
/// <see cref="Return"/> exactly once.
/// </summary>
internal readonly struct OutboundFrame(byte[] buffer, int length)
{
    public int Length => length;

    public ReadOnlyMemory<byte> Memory => buffer.AsMemory(0, length);

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, length);

    public void Return()
    {
        if (buffer is { Length: > 0 })
        {
            FrameBuffers.Return(buffer);
        }
    }
}
