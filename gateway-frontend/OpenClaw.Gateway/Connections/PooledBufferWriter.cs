using System.Buffers;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over pooled arrays (<see cref="FrameBuffers"/>): frames are written into rented arrays
/// that go back to the pool once sent, so steady traffic allocates no frame buffers. <see cref="Detach"/> hands the
/// array to an <see cref="OutboundFrame"/>; otherwise <see cref="Dispose"/> returns it.
/// </summary>
internal sealed class PooledBufferWriter(int initialCapacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = FrameBuffers.Rent(Math.Max(initialCapacity, 256));
    private int _written;

    public int WrittenCount => _written;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Hands the written bytes over; the caller now owns the rented array.</summary>
    public OutboundFrame Detach()
    {
        var frame = new OutboundFrame(_buffer, _written);
        _buffer = [];
        _written = 0;
        return frame;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            FrameBuffers.Return(_buffer);
            _buffer = [];
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = FrameBuffers.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        FrameBuffers.Return(_buffer);
        _buffer = larger;
    }
}
