using System.Net.WebSockets;

namespace OpenClaw.Gateway.Connections;

/// <summary>One complete WebSocket message, or the reason reading stopped.</summary>
internal readonly record struct InboundMessage(InboundMessageKind Kind, WebSocketMessageType Type, ReadOnlyMemory<byte> Data)
{
    public static InboundMessage Closed { get; } = new(InboundMessageKind.Closed, WebSocketMessageType.Close, default);
    public static InboundMessage TooBig { get; } = new(InboundMessageKind.TooBig, WebSocketMessageType.Text, default);
}

internal enum InboundMessageKind
{
    Message,
    Closed,
    TooBig,
}
