using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Gateway.WebSockets;

/// <summary>The server's side of the opening handshake (RFC 6455 §4.2.2): 101 with the accept hash, or a refusal that closes the connection.</summary>
internal static class UpgradeResponses
{
    public const string SupportedVersion = "13";

    private const string KeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>A valid key is the base64 of 16 bytes (RFC 6455 §4.1).</summary>
    public static bool IsValidKey(string? key)
    {
        Span<byte> decoded = stackalloc byte[18];
        return key is { Length: 24 } && Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
    }

    public static string AcceptFor(string key)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(Encoding.ASCII.GetBytes(key + KeyGuid), hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>No subprotocol and no extensions are agreed: frames never use RSV bits (permessage-deflate is declined by not answering it).</summary>
    public static byte[] SwitchingProtocols(string key) => Encoding.ASCII.GetBytes(
        "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
        $"Sec-WebSocket-Accept: {AcceptFor(key)}\r\n\r\n");

    public static byte[] UpgradeRequired { get; } = Encoding.ASCII.GetBytes(
        "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    public static byte[] BadRequest { get; } = Encoding.ASCII.GetBytes(
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}
