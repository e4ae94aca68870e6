using System.Buffers;
using System.Buffers.Binary;

namespace OpenClaw.Gateway.WebSockets;

/// <summary>RFC 6455 §5.2 frame opcodes.</summary>
internal enum WebSocketOpcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}

/// <summary>One frame's header as read from the wire (RFC 6455 §5.2), and the writing of server (unmasked) headers.</summary>
internal readonly record struct WebSocketFrameHeader(bool Fin, int Rsv, WebSocketOpcode Opcode, bool Masked, long PayloadLength, uint MaskKey, int Length)
{
    /// <summary>2 bytes, 8 of extended length, 4 of mask.</summary>
    public const int MaxLength = 14;

    /// <summary>Control frames (RFC 6455 §5.5) carry at most 125 bytes and are never fragmented.</summary>
    public const int MaxControlPayload = 125;

    public bool IsControl => ((byte)Opcode & 0x8) != 0;

    /// <summary>False while fewer bytes than the whole header are buffered.</summary>
    public static bool TryRead(in ReadOnlySequence<byte> buffer, out WebSocketFrameHeader header)
    {
        header = default;
        Span<byte> bytes = stackalloc byte[MaxLength];
        var available = (int)Math.Min(buffer.Length, MaxLength);
        if (available < 2)
        {
            return false;
        }

        buffer.Slice(0, available).CopyTo(bytes);
        var masked = (bytes[1] & 0x80) != 0;
        var lengthCode = bytes[1] & 0x7F;
        var extended = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
        var length = 2 + extended + (masked ? 4 : 0);
        if (available < length)
        {
            return false;
        }

        long payloadLength = extended switch
        {
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]),
            8 => (long)BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]), // a set top bit reads as negative: refused by the caller
            _ => lengthCode,
        };
        var maskKey = masked ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[(2 + extended)..]) : 0;
        header = new WebSocketFrameHeader(
            Fin: (bytes[0] & 0x80) != 0, Rsv: bytes[0] & 0x70, Opcode: (WebSocketOpcode)(bytes[0] & 0x0F),
            Masked: masked, PayloadLength: payloadLength, MaskKey: maskKey, Length: length);
        return true;
    }

    /// <summary>Writes an unmasked server frame header; returns its length.</summary>
    public static int Write(Span<byte> destination, WebSocketOpcode opcode, bool fin, int payloadLength)
    {
        destination[0] = (byte)((fin ? 0x80 : 0) | (byte)opcode);
        if (payloadLength < 126)
        {
            destination[1] = (byte)payloadLength;
            return 2;
        }

        if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            return 4;
        }

        destination[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
        return 10;
    }

    /// <summary>XORs <paramref name="data"/> with the client's mask, the mask starting at <paramref name="offset"/> (mod 4).</summary>
    public static void Unmask(Span<byte> data, uint maskKey, long offset)
    {
        // Rotate the key so byte 0 of data lines up with mask byte (offset mod 4), then XOR 4 bytes at a time.
        var shift = (int)(offset & 3) * 8;
        var key = shift == 0 ? maskKey : (maskKey >> shift) | (maskKey << (32 - shift));
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            var word = BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
            BinaryPrimitives.WriteUInt32LittleEndian(data[i..], word ^ key);
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= (byte)(key >> ((i & 3) * 8));
        }
    }
}
