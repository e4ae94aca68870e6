namespace OpenClaw.Bench.Client;

/// <summary>Bytes received but not yet parsed, at the front of one array. Grows (doubling) only when a single frame
/// needs more room. Overflow rule: growing past <see cref="MaxBytes"/> fails the connection with an exception.</summary>
internal sealed class ReceiveWindow(int initialBytes)
{
    public const int MaxBytes = 16 * 1024 * 1024;

    private byte[] _buffer = new byte[initialBytes];
    private int _start;
    private int _end;

    public ReadOnlySpan<byte> Data => _buffer.AsSpan(_start, _end - _start);

    public void Consume(int count) => _start += count;

    /// <summary>Room for the next receive: unparsed bytes move to the front, and the array grows when
    /// <paramref name="minFree"/> bytes would not fit otherwise.</summary>
    public ArraySegment<byte> FreeSpace(int minFree)
    {
        var unparsed = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, unparsed).CopyTo(_buffer);
            _start = 0;
            _end = unparsed;
        }
        if (_buffer.Length - _end < minFree)
        {
            var size = _buffer.Length;
            while (size - _end < minFree)
                size *= 2;
            if (size > MaxBytes)
                throw new InvalidOperationException($"A gateway frame needs more than {MaxBytes} bytes of receive buffer.");
            Array.Resize(ref _buffer, size);
        }
        return new ArraySegment<byte>(_buffer, _end, _buffer.Length - _end);
    }

    public void Commit(int count) => _end += count;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var free = FreeSpace(bytes.Length);
        bytes.CopyTo(free);
        Commit(bytes.Length);
    }
}
