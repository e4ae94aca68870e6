using System.Buffers;
using System.Net.WebSockets;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// One complete WebSocket message, or the reason reading stopped. A message's data lives in an array rented from
/// an <see cref="ArrayPool{T}"/>; <see cref="Dispose"/> returns it, after which <see cref="Data"/> must not be used.
/// </summary>
internal readonly struct InboundMessage : IDisposable
{
    private readonly byte[]? _rented;
    private readonly int _length;
    private readonly ArrayPool<byte>? _pool;

    /// <param name="rented">The message bytes, rented from <paramref name="pool"/>; null for an empty message.</param>
    public InboundMessage(InboundMessageKind kind, WebSocketMessageType type, byte[]? rented, int length = 0, ArrayPool<byte>? pool = null)
    {
        Kind = kind;
        Type = type;
        _rented = rented;
        _length = rented is null ? 0 : length;
        _pool = pool;
    }

    public static InboundMessage Closed { get; } = new(InboundMessageKind.Closed, WebSocketMessageType.Close, null);
    public static InboundMessage TooBig { get; } = new(InboundMessageKind.TooBig, WebSocketMessageType.Text, null);

    public InboundMessageKind Kind { get; }
    public WebSocketMessageType Type { get; }

    public ReadOnlyMemory<byte> Data => _rented is null ? ReadOnlyMemory<byte>.Empty : _rented.AsMemory(0, _length);

    public void Dispose()
    {
        if (_rented is not null)
        {
            (_pool ?? ArrayPool<byte>.Shared).Return(_rented);
        }
    }
}

internal enum InboundMessageKind
{
    Message,
    Closed,
    TooBig,
}
