using System.Net.WebSockets;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Puts queued items on the wire. Small messages go out as one WebSocket frame, as before. A large message (a
/// presence list of thousands of entries, a big broadcast) goes out as one message in fragments of at most
/// <see cref="MaxFragmentBytes"/>, and a large event's payload is sent straight from the broadcast's shared buffer:
/// the socket copies each send into a buffer of its own, so fanning out a P-byte event to N connections holds
/// N × 16 KB at a time instead of N × P. Clients see the same message (RFC 6455 §5.4 reassembles fragments).
/// </summary>
internal sealed class WebSocketFrameSender(WebSocket socket)
{
    public const int MaxFragmentBytes = 16 * 1024;

    public async ValueTask SendAsync(OutboundItem item, CancellationToken cancellationToken)
    {
        if (item.Kind == OutboundItemKind.Frame)
        {
            try
            {
                await SendPartAsync(item.Frame.Memory, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                item.Frame.Return();
            }

            return;
        }

        if (item.Payload.Length <= MaxFragmentBytes)
        {
            var frame = FrameWriter.Event(item.Name!, item.Payload.Span, item.Seq, item.StateVersion);
            try
            {
                await SendPartAsync(frame.Memory, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                frame.Return();
            }

            return;
        }

        var envelope = FrameWriter.EventEnvelope(item.Name!, item.Seq, item.StateVersion, out var payloadOffset);
        try
        {
            var frame = envelope.Memory;
            await SendPartAsync(frame[..payloadOffset], endOfMessage: false, cancellationToken).ConfigureAwait(false);
            await SendPartAsync(item.Payload, endOfMessage: false, cancellationToken).ConfigureAwait(false);
            await SendPartAsync(frame[(payloadOffset + 1)..], endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            envelope.Return();
        }
    }

    private async ValueTask SendPartAsync(ReadOnlyMemory<byte> part, bool endOfMessage, CancellationToken cancellationToken)
    {
        while (part.Length > MaxFragmentBytes)
        {
            await socket.SendAsync(part[..MaxFragmentBytes], WebSocketMessageType.Text, endOfMessage: false, cancellationToken).ConfigureAwait(false);
            part = part[MaxFragmentBytes..];
        }

        await socket.SendAsync(part, WebSocketMessageType.Text, endOfMessage, cancellationToken).ConfigureAwait(false);
    }
}
