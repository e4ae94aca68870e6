using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Gateway.WebSockets;

/// <summary>The receive side: frame headers, control frames and payload copies, straight from the input pipe.</summary>
internal sealed partial class PipeWebSocket
{
    /// <summary>
    /// Like <c>ManagedWebSocket</c>: a zero-byte receive returns once the next data frame's header is in, consuming
    /// no payload; otherwise copies up to <paramref name="buffer"/>'s length of the current frame. Control frames in
    /// between are handled here. A protocol violation sends its close code and throws. One state machine, awaiting
    /// the pipe directly: an idle connection's wait costs this method's pooled box and nothing else of ours.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (State is WebSocketState.CloseReceived or WebSocketState.Closed)
        {
            return new ValueWebSocketReceiveResult(0, WebSocketMessageType.Close, true);
        }

        if (State is not (WebSocketState.Open or WebSocketState.CloseSent))
        {
            throw new WebSocketException(WebSocketError.InvalidState, $"Cannot receive in state {State}.");
        }

        while (true)
        {
            ReadResult read;
            try
            {
                read = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                Abort();
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, exception);
            }

            if (read.IsCanceled)
            {
                _input.AdvanceTo(read.Buffer.Start);
                throw new OperationCanceledException("The read was cancelled.");
            }

            ReceiveStep step;
            SequencePosition consumed;
            ValueWebSocketReceiveResult result;
            try
            {
                step = Step(read.Buffer, buffer.Span, out consumed, out result);
            }
            catch (ProtocolViolation violation)
            {
                _input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                await FailAsync(violation).ConfigureAwait(false);
                throw new WebSocketException(WebSocketError.Faulted, violation.Message);
            }

            switch (step)
            {
                case ReceiveStep.NeedMoreData:
                    _input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                    if (read.IsCompleted)
                    {
                        Abort();
                        throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The peer closed the connection without a close frame.");
                    }

                    break;
                case ReceiveStep.Result:
                    _input.AdvanceTo(consumed);
                    return result;
                case ReceiveStep.Ping:
                    await AnswerPingAsync(read.Buffer, consumed, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    _input.AdvanceTo(consumed);
                    break;
            }
        }
    }

    private enum ReceiveStep
    {
        NeedMoreData,
        Result,
        Ping,
        /// <summary>Something was consumed (a pong, a data frame's header with none of its payload yet); read on.</summary>
        Consumed,
    }

    /// <summary>
    /// Takes what <paramref name="input"/> allows without waiting: a frame header, a whole control frame, or payload
    /// bytes copied (unmasked, UTF-8 checked) into <paramref name="destination"/>. <paramref name="consumed"/> is how
    /// far the pipe may be consumed; for <see cref="ReceiveStep.Ping"/> the ping frame ends there.
    /// </summary>
    private ReceiveStep Step(in ReadOnlySequence<byte> input, Span<byte> destination, out SequencePosition consumed, out ValueWebSocketReceiveResult result)
    {
        consumed = input.Start;
        result = default;
        var headerLength = 0;
        if (!_inFrame)
        {
            if (!WebSocketFrameHeader.TryRead(input, out var header))
            {
                return ReceiveStep.NeedMoreData;
            }

            Validate(header);
            if (header.IsControl)
            {
                return StepControl(input, header, out consumed, out result);
            }

            StartDataFrame(header);
            headerLength = header.Length;
        }

        // A zero-byte receive returns at a data frame's header; an empty frame is complete at once.
        if (_frameRemaining == 0 || destination.IsEmpty)
        {
            consumed = input.GetPosition(headerLength);
            result = _frameRemaining == 0 ? EndFrame(0) : new ValueWebSocketReceiveResult(0, _messageType, false);
            return ReceiveStep.Result;
        }

        var payload = input.Slice(headerLength);
        if (payload.IsEmpty)
        {
            // Just the header so far: take it and read on; with nothing new at all, wait for data.
            consumed = input.GetPosition(headerLength);
            return headerLength > 0 ? ReceiveStep.Consumed : ReceiveStep.NeedMoreData;
        }

        var count = (int)Math.Min(Math.Min(payload.Length, _frameRemaining), destination.Length);
        var target = destination[..count];
        payload.Slice(0, count).CopyTo(target);
        consumed = payload.GetPosition(count);
        WebSocketFrameHeader.Unmask(target, _frameMask, _frameOffset);
        _frameOffset += count;
        _frameRemaining -= count;
        if (_messageType == WebSocketMessageType.Text && !_utf8.Append(target))
        {
            throw new ProtocolViolation(WebSocketCloseStatus.InvalidPayloadData, "invalid UTF-8 in text message");
        }

        result = EndFrame(count);
        return ReceiveStep.Result;
    }

    private ReceiveStep StepControl(in ReadOnlySequence<byte> input, in WebSocketFrameHeader header, out SequencePosition consumed, out ValueWebSocketReceiveResult result)
    {
        consumed = input.Start;
        result = default;
        var frameLength = header.Length + header.PayloadLength;
        if (input.Length < frameLength)
        {
            return ReceiveStep.NeedMoreData;
        }

        consumed = input.GetPosition(frameLength);
        switch (header.Opcode)
        {
            case WebSocketOpcode.Ping:
                return ReceiveStep.Ping;
            case WebSocketOpcode.Pong:
                _keepAlive?.OnPong();
                return ReceiveStep.Consumed;
            default:
                Span<byte> payload = stackalloc byte[WebSocketFrameHeader.MaxControlPayload];
                payload = payload[..(int)header.PayloadLength];
                input.Slice(header.Length, payload.Length).CopyTo(payload);
                WebSocketFrameHeader.Unmask(payload, header.MaskKey, 0);
                OnCloseFrame(payload);
                result = new ValueWebSocketReceiveResult(0, WebSocketMessageType.Close, true);
                return ReceiveStep.Result;
        }
    }

    /// <summary>Answers a ping with its payload (RFC 6455 §5.5.3); the ping frame ends at <paramref name="end"/>.</summary>
    private async ValueTask AnswerPingAsync(ReadOnlySequence<byte> input, SequencePosition end, CancellationToken cancellationToken)
    {
        var frame = input.Slice(input.Start, end);
        WebSocketFrameHeader.TryRead(frame, out var header);
        var length = (int)header.PayloadLength;
        var payload = ArrayPool<byte>.Shared.Rent(WebSocketFrameHeader.MaxControlPayload);
        try
        {
            frame.Slice(header.Length, length).CopyTo(payload);
            _input.AdvanceTo(end);
            WebSocketFrameHeader.Unmask(payload.AsSpan(0, length), header.MaskKey, 0);
            await SendControlAsync(WebSocketOpcode.Pong, payload.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    private ValueWebSocketReceiveResult EndFrame(int count)
    {
        if (_frameRemaining > 0)
        {
            return new ValueWebSocketReceiveResult(count, _messageType, false);
        }

        _inFrame = false;
        if (!_frameFin)
        {
            return new ValueWebSocketReceiveResult(count, _messageType, false);
        }

        _inMessage = false;
        if (_messageType == WebSocketMessageType.Text && !_utf8.IsComplete)
        {
            throw new ProtocolViolation(WebSocketCloseStatus.InvalidPayloadData, "text message ends inside a UTF-8 sequence");
        }

        return new ValueWebSocketReceiveResult(count, _messageType, true);
    }

    private void Validate(in WebSocketFrameHeader header)
    {
        if (!header.Masked)
        {
            throw new ProtocolViolation(WebSocketCloseStatus.ProtocolError, "client frames must be masked");
        }

        if (header.Rsv != 0)
        {
            throw new ProtocolViolation(WebSocketCloseStatus.ProtocolError, "no extension was negotiated: RSV bits must be 0");
        }

        if (header.PayloadLength < 0)
        {
            throw new ProtocolViolation(WebSocketCloseStatus.ProtocolError, "invalid payload length");
        }

        switch (header.Opcode)
        {
            case WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong:
                if (!header.Fin || header.PayloadLength > WebSocketFrameHeader.MaxControlPayload)
                {
                    throw new ProtocolViolation(WebSocketCloseStatus.ProtocolError, "control frames are unfragmented and at most 125 bytes");
                }

                break;
            case WebSocketOpcode.Continuation when !_inMessage:
                throw new ProtocolViolation(WebSocketCloseStatus.ProtocolError, "continuation frame outside a message");
            case WebSocketOpcode.Text or WebSocketOpcode.Binary when _inMessage:
                throw new ProtocolViolation(WebSocketCloseStatus.ProtocolError, "new message inside a fragmented message");
            case WebSocketOpcode.Continuation or WebSocketOpcode.Text or WebSocketOpcode.Binary:
                break;
            default:
                throw new ProtocolViolation(WebSocketCloseStatus.ProtocolError, "unknown opcode");
        }
    }

    private void StartDataFrame(in WebSocketFrameHeader header)
    {
        if (header.Opcode != WebSocketOpcode.Continuation)
        {
            _inMessage = true;
            _messageType = header.Opcode == WebSocketOpcode.Text ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
            _utf8.Reset();
        }

        _inFrame = true;
        _frameFin = header.Fin;
        _frameRemaining = header.PayloadLength;
        _frameOffset = 0;
        _frameMask = header.MaskKey;
    }

    private void OnCloseFrame(ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 1)
        {
            throw new ProtocolViolation(WebSocketCloseStatus.ProtocolError, "close frame with a 1-byte payload");
        }

        if (payload.Length >= 2)
        {
            var code = BinaryPrimitives.ReadUInt16BigEndian(payload);
            if (!IsValidReceivedCloseCode(code))
            {
                throw new ProtocolViolation(WebSocketCloseStatus.ProtocolError, "invalid close code");
            }

            var validator = default(Utf8MessageValidator);
            if (!validator.Append(payload[2..]) || !validator.IsComplete)
            {
                throw new ProtocolViolation(WebSocketCloseStatus.InvalidPayloadData, "close reason is not UTF-8");
            }

            _closeStatus = (WebSocketCloseStatus)code;
            _closeStatusDescription = Encoding.UTF8.GetString(payload[2..]);
        }
        else
        {
            _closeStatus = WebSocketCloseStatus.Empty;
            _closeStatusDescription = "";
        }

        if (!TrySetState(WebSocketState.CloseReceived, from: [WebSocketState.Open]))
        {
            TrySetState(WebSocketState.Closed, from: [WebSocketState.CloseSent]);
        }
    }

    /// <summary>RFC 6455 §7.4: 1000–1003, 1007–1014 and 3000–4999 may be sent; 1004–1006 and 1015 never appear on the wire.</summary>
    private static bool IsValidReceivedCloseCode(int code) =>
        code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);

    /// <summary>
    /// Fails the connection (RFC 6455 §7.1.7): sends the close code, bounded in time. The caller then throws, the
    /// session ends and the transport closes after the close frame; if the frame cannot go out, the transport is aborted.
    /// </summary>
    private async Task FailAsync(ProtocolViolation violation)
    {
        LogProtocolViolation(_logger, _connection.ConnectionId, (int)violation.Code, violation.Message);
        using var bound = new CancellationTokenSource(FailCloseTimeout);
        try
        {
            await SendCloseAsync(violation.Code, violation.Message, bound.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or InvalidOperationException)
        {
            Abort();
        }
    }

    private static readonly TimeSpan FailCloseTimeout = TimeSpan.FromSeconds(5);

    [LoggerMessage(1042, LogLevel.Information, "Connection {TransportId} broke the WebSocket protocol; closed {CloseCode}: {Reason}")]
    private static partial void LogProtocolViolation(ILogger logger, string transportId, int closeCode, string reason);

    /// <summary>A frame that breaks RFC 6455; never leaves <see cref="ReceiveAsync(Memory{byte}, CancellationToken)"/>.</summary>
    private sealed class ProtocolViolation(WebSocketCloseStatus code, string message) : Exception(message)
    {
        public WebSocketCloseStatus Code { get; } = code;
    }
}
