using System.Buffers.Text;
using System.Text.Json;

namespace OpenClaw.Bench.Client;

internal enum FrameKind { Other, Response, Event }

/// <summary>The top-level fields the bench routes on (<c>type</c>, numeric <c>id</c>, <c>ok</c>, <c>event</c>),
/// read without materialising the payload. Scanning stops as soon as the routing fields are known.</summary>
internal readonly record struct FrameHeader(FrameKind Kind, long Id, bool Ok, bool IsChallenge)
{
    /// <summary>Id value used when the frame has no id or it is not a plain decimal number.</summary>
    public const long NoId = -1;

    private static ReadOnlySpan<byte> TypeName => "type"u8;
    private static ReadOnlySpan<byte> IdName => "id"u8;
    private static ReadOnlySpan<byte> OkName => "ok"u8;
    private static ReadOnlySpan<byte> EventName => "event"u8;

    public static FrameHeader Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return new FrameHeader(FrameKind.Other, NoId, false, false);

        var kind = FrameKind.Other;
        long id = NoId;
        bool? ok = null;
        var isChallenge = false;
        var sawType = false;
        var sawEvent = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(TypeName) && reader.Read())
            {
                sawType = true;
                kind = reader.ValueTextEquals("res"u8) ? FrameKind.Response
                    : reader.ValueTextEquals("event"u8) ? FrameKind.Event : FrameKind.Other;
            }
            else if (reader.ValueTextEquals(IdName) && reader.Read())
            {
                id = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                     && Utf8Parser.TryParse(reader.ValueSpan, out long parsed, out var consumed)
                     && consumed == reader.ValueSpan.Length ? parsed : NoId;
            }
            else if (reader.ValueTextEquals(OkName) && reader.Read())
            {
                ok = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals(EventName) && reader.Read())
            {
                sawEvent = true;
                isChallenge = reader.ValueTextEquals("connect.challenge"u8);
            }
            else if (!reader.Read() || !reader.TrySkip())
            {
                break;
            }

            var responseKnown = sawType && kind == FrameKind.Response && id != NoId && ok.HasValue;
            var eventKnown = sawType && kind == FrameKind.Event && sawEvent;
            if (responseKnown || eventKnown)
                break;
        }
        return new FrameHeader(kind, id, ok ?? false, isChallenge);
    }
}
