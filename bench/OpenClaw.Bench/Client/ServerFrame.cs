using System.Buffers.Binary;

namespace OpenClaw.Bench.Client;

internal enum WebSocketOpcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}

/// <summary>One frame from the server (RFC 6455 §5.2): unmasked, no extension bits, since the upgrade offered none.</summary>
internal readonly ref struct ServerFrame(WebSocketOpcode opcode, bool fin, ReadOnlySpan<byte> payload)
{
    public WebSocketOpcode Opcode { get; } = opcode;
    public bool Fin { get; } = fin;
    public ReadOnlySpan<byte> Payload { get; } = payload;

    /// <summary>Parses the frame at the start of <paramref name="data"/>. False when it is not complete yet;
    /// <paramref name="needed"/> then says how many bytes the whole frame takes, when the header tells (else 0).</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out ServerFrame frame, out int frameLength, out int needed)
    {
        frame = default;
        frameLength = 0;
        needed = 0;
        if (data.Length < 2)
            return false;
        if ((data[0] & 0x70) != 0 || (data[1] & 0x80) != 0)
            throw new InvalidOperationException("The gateway sent a frame with extension bits or a mask.");

        var headerLength = 2;
        long payloadLength = data[1] & 0x7F;
        if (payloadLength == 126)
        {
            headerLength = 4;
            if (data.Length < headerLength)
                return false;
            payloadLength = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        }
        else if (payloadLength == 127)
        {
            headerLength = 10;
            if (data.Length < headerLength)
                return false;
            payloadLength = (long)BinaryPrimitives.ReadUInt64BigEndian(data[2..]);
        }
        if (payloadLength > ReceiveWindow.MaxBytes - headerLength)
            throw new InvalidOperationException($"The gateway sent a frame of {payloadLength} bytes.");

        needed = headerLength + (int)payloadLength;
        if (data.Length < needed)
            return false;
        frame = new ServerFrame((WebSocketOpcode)(data[0] & 0x0F), (data[0] & 0x80) != 0, data.Slice(headerLength, (int)payloadLength));
        frameLength = needed;
        return true;
    }
}
