using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Bench.Client;

/// <summary>The RFC 6455 opening handshake over a connected blocking socket: sends the upgrade request, checks the
/// 101 answer and its <c>Sec-WebSocket-Accept</c>. No extensions are offered, so frames arrive uncompressed.</summary>
internal static class WebSocketUpgrade
{
    /// <summary>Overflow rule: a response head longer than this fails the upgrade.</summary>
    private const int MaxResponseHeadBytes = 16 * 1024;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Performs the upgrade; bytes that arrived after the response head (the first frames) are copied to
    /// <paramref name="received"/>.</summary>
    public static void Perform(Socket socket, Uri uri, ReceiveWindow received)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.Send(Encoding.ASCII.GetBytes(request));

        var head = new byte[MaxResponseHeadBytes];
        var length = 0;
        int end;
        while ((end = head.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (length == head.Length)
                throw new InvalidOperationException($"The upgrade response head exceeded {MaxResponseHeadBytes} bytes.");
            var read = socket.Receive(head, length, head.Length - length, SocketFlags.None);
            if (read == 0)
                throw new InvalidOperationException("The gateway closed the connection during the WebSocket upgrade.");
            length += read;
        }

        var text = Encoding.ASCII.GetString(head, 0, end);
        var lines = text.Split("\r\n");
        if (!lines[0].StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            throw new InvalidOperationException($"The gateway refused the WebSocket upgrade: {lines[0]}");
        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
        var accept = lines.Skip(1).Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 &&
            p[0].Trim().Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase))?[1].Trim();
        if (accept != expected)
            throw new InvalidOperationException("The gateway's Sec-WebSocket-Accept does not match the key.");

        received.Append(head.AsSpan(end + 4, length - end - 4));
    }
}
