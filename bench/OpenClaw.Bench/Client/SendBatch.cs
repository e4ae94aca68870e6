using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace OpenClaw.Bench.Client;

/// <summary>Client frames (RFC 6455 §5.3: masked, each with a fresh key) queued back to back and put on the wire by
/// one send. Every frame stays a complete message of its own; only the syscall is shared, as a pipelining client's is.
/// Overflow rule: queueing past <see cref="MaxBytes"/> unsent bytes fails the connection with an exception.</summary>
internal sealed class SendBatch
{
    public const int MaxBytes = 1024 * 1024;
    private const int MaxHeaderBytes = 14;

    private byte[] _buffer = new byte[16 * 1024];
    private int _sent;
    private int _length;
    private ulong _maskState = (ulong)Random.Shared.NextInt64() | 1;

    public bool IsEmpty => _sent == _length;

    public void Add(WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        EnsureRoom(MaxHeaderBytes + payload.Length);
        var frame = _buffer.AsSpan(_length);
        frame[0] = (byte)(0x80 | (byte)opcode);
        int headerLength;
        if (payload.Length < 126)
        {
            frame[1] = (byte)(0x80 | payload.Length);
            headerLength = 2;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame[2..], (ushort)payload.Length);
            headerLength = 4;
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame[2..], (ulong)payload.Length);
            headerLength = 10;
        }

        var mask = NextMask();
        BinaryPrimitives.WriteUInt32LittleEndian(frame[headerLength..], mask);
        var body = frame.Slice(headerLength + 4, payload.Length);
        payload.CopyTo(body);
        ApplyMask(body, mask);
        _length += headerLength + 4 + payload.Length;
    }

    /// <summary>Sends what the socket takes without waiting. False when bytes remain (the socket's buffer is full):
    /// send again once the socket is writable.</summary>
    public bool TrySend(Socket socket)
    {
        while (_sent < _length)
        {
            var sent = socket.Send(_buffer, _sent, _length - _sent, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
                return false;
            if (error != SocketError.Success)
                throw new SocketException((int)error);
            _sent += sent;
        }
        _sent = _length = 0;
        return true;
    }

    private void EnsureRoom(int bytes)
    {
        if (_sent > 0 && _sent == _length)
            _sent = _length = 0;
        if (_buffer.Length - _length >= bytes)
            return;
        if (_length - _sent + bytes > MaxBytes)
            throw new InvalidOperationException($"More than {MaxBytes} bytes queued for a gateway that does not read.");
        var larger = new byte[Math.Max(_buffer.Length * 2, _length - _sent + bytes)];
        _buffer.AsSpan(_sent, _length - _sent).CopyTo(larger);
        _length -= _sent;
        _sent = 0;
        _buffer = larger;
    }

    /// <summary>xorshift64: a fresh, unpredictable-enough key per frame at no allocation.</summary>
    private uint NextMask()
    {
        _maskState ^= _maskState << 13;
        _maskState ^= _maskState >> 7;
        _maskState ^= _maskState << 17;
        return (uint)_maskState;
    }

    private static void ApplyMask(Span<byte> body, uint mask)
    {
        var wide = ((ulong)mask << 32) | mask;
        var words = MemoryMarshal.Cast<byte, ulong>(body);
        for (var i = 0; i < words.Length; i++)
            words[i] ^= wide;
        for (var i = words.Length * 8; i < body.Length; i++)
            body[i] ^= (byte)(mask >> (8 * (i & 3)));
    }
}
