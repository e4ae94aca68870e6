using System.Buffers;
using System.Text;

namespace OpenClaw.Gateway.WebSockets;

internal enum UpgradeRequestKind
{
    /// <summary>The request head is not complete in what has arrived: left to Kestrel, which reads on.</summary>
    NeedMoreData,

    /// <summary>Not a WebSocket upgrade (or not one this path serves): normal HTTP handles it.</summary>
    NotUpgrade,

    /// <summary>A WebSocket upgrade: answered here with 101, 400 or 426.</summary>
    Upgrade,
}

/// <summary>
/// Recognises an HTTP/1.1 WebSocket opening handshake (RFC 6455 §4.2.1) at the start of a connection: a GET with
/// <c>Upgrade: websocket</c> and <c>Connection: upgrade</c>, on any path. Anything else (other methods, HTTP/2,
/// TLS, requests with a body) is left to Kestrel.
/// </summary>
internal readonly record struct UpgradeRequest(UpgradeRequestKind Kind, long HeadLength, string? Key, string? Version, bool HasHost)
{
    /// <summary>A longer head is not ours to parse; Kestrel answers it (431) as usual.</summary>
    public const int MaxHeadBytes = 16 * 1024;

    private static ReadOnlySpan<byte> Get => "GET "u8;
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    public static UpgradeRequest Parse(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> start = stackalloc byte[4];
        var prefix = (int)Math.Min(buffer.Length, Get.Length);
        buffer.Slice(0, prefix).CopyTo(start);
        if (!Get.StartsWith(start[..prefix]))
        {
            return NotUpgrade;
        }

        var window = buffer.Length > MaxHeadBytes ? buffer.Slice(0, MaxHeadBytes) : buffer;
        var reader = new SequenceReader<byte>(window);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd, advancePastDelimiter: true))
        {
            return buffer.Length > MaxHeadBytes ? NotUpgrade : new UpgradeRequest(UpgradeRequestKind.NeedMoreData, 0, null, null, false);
        }

        var text = Encoding.Latin1.GetString(head);
        return ParseHead(text, reader.Consumed);
    }

    private static UpgradeRequest NotUpgrade => new(UpgradeRequestKind.NotUpgrade, 0, null, null, false);

    private static UpgradeRequest ParseHead(string head, long headLength)
    {
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[2] != "HTTP/1.1" || requestLine[1].Length == 0)
        {
            return NotUpgrade;
        }

        bool upgrade = false, connectionUpgrade = false, hasHost = false, hasBody = false;
        string? key = null, version = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return NotUpgrade; // malformed (or obsolete line folding): Kestrel answers 400
            }

            var name = lines[i][..colon];
            var value = lines[i][(colon + 1)..].Trim(' ', '\t');
            switch (name.ToLowerInvariant())
            {
                case "upgrade":
                    upgrade |= HasToken(value, "websocket");
                    break;
                case "connection":
                    connectionUpgrade |= HasToken(value, "upgrade");
                    break;
                case "host":
                    hasHost = true;
                    break;
                case "sec-websocket-key":
                    key = key is null ? value : "";
                    break;
                case "sec-websocket-version":
                    version = version is null ? value : "";
                    break;
                case "content-length":
                    hasBody |= value != "0";
                    break;
                case "transfer-encoding":
                    hasBody = true;
                    break;
            }
        }

        return upgrade && connectionUpgrade && !hasBody
            ? new UpgradeRequest(UpgradeRequestKind.Upgrade, headLength, key, version, hasHost)
            : NotUpgrade;
    }

    private static bool HasToken(string value, string token)
    {
        foreach (var part in value.Split(','))
        {
            if (part.Trim(' ', '\t').Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
