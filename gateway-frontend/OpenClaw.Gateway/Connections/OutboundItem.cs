using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// One entry of a connection's send queue: a frame already serialized (responses, the challenge), an event whose
/// frame is written only when it is sent (so a broadcast queued to N connections shares one payload instead of
/// holding N frames), or the close to send after everything before it.
/// </summary>
internal readonly struct OutboundItem
{
    private OutboundItem(OutboundItemKind kind, OutboundFrame frame, string? eventName, ReadOnlyMemory<byte> payload,
        long? seq, GatewayStateVersion? stateVersion, int bytes, int closeCode)
    {
        Kind = kind;
        Frame = frame;
        Name = eventName;
        Payload = payload;
        Seq = seq;
        StateVersion = stateVersion;
        Bytes = bytes;
        CloseCode = closeCode;
    }

    public OutboundItemKind Kind { get; }

    /// <summary>The serialized frame of a <see cref="OutboundItemKind.Frame"/> item.</summary>
    public OutboundFrame Frame { get; }

    /// <summary>The event name, or the close reason of a <see cref="OutboundItemKind.Close"/> item.</summary>
    public string? Name { get; }

    /// <summary>The event's shared payload (empty for none, and for a presence placeholder until it is resolved).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    public long? Seq { get; }

    public GatewayStateVersion? StateVersion { get; }

    /// <summary>What the item counts against the send-buffer budget.</summary>
    public int Bytes { get; }

    public int CloseCode { get; }

    public static OutboundItem ForFrame(OutboundFrame frame) =>
        new(OutboundItemKind.Frame, frame, null, default, null, null, frame.Length, 0);

    public static OutboundItem ForEvent(string eventName, ReadOnlyMemory<byte> payload, long? seq, GatewayStateVersion? stateVersion, int bytes) =>
        new(OutboundItemKind.Event, default, eventName, payload, seq, stateVersion, bytes, 0);

    /// <summary>A presence event whose payload stays in the queue's single presence slot until it is sent.</summary>
    public static OutboundItem ForPresence(long seq, int bytes) =>
        new(OutboundItemKind.Presence, default, null, default, seq, null, bytes, 0);

    public static OutboundItem ForClose(int closeCode, string closeReason) =>
        new(OutboundItemKind.Close, default, closeReason, default, null, null, 0, closeCode);
}

internal enum OutboundItemKind
{
    Frame,
    Event,
    Presence,
    Close,
}
