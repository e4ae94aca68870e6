using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Gateway.Tests.WebSockets;

/// <summary>One frame as the server sent it.</summary>
public sealed record RawFrame(bool Fin, int Opcode, byte[] Payload)
{
    public const int Text = 0x1;
    public const int Close = 0x8;
    public const int Ping = 0x9;
    public const int Pong = 0xA;

    public int CloseCode => Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : 1005;
    public string AsText => Encoding.UTF8.GetString(Payload);
}

/// <summary>
/// A WebSocket client on a bare TCP socket that writes hand-made frames, so tests can send what a correct client
/// never would (unmasked frames, bad opcodes, split UTF-8, oversize control frames). Every read is bounded.
/// </summary>
public sealed class RawWebSocketClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private RawWebSocketClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawWebSocketClient> ConnectTcpAsync(Uri baseAddress)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port).WaitAsync(Timeout);
        return new RawWebSocketClient(tcp);
    }

    /// <summary>Opens the TCP connection, sends a valid upgrade and expects 101 with the right accept hash.</summary>
    public static async Task<RawWebSocketClient> OpenAsync(Uri baseAddress)
    {
        var client = await ConnectTcpAsync(baseAddress);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await client.WriteAsync(UpgradeRequest(baseAddress, key));
        var head = await client.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101 ", head, StringComparison.Ordinal);
        Assert.Contains($"Sec-WebSocket-Accept: {ExpectedAccept(key)}\r\n", head, StringComparison.Ordinal);
        return client;
    }

    public static string UpgradeRequest(Uri baseAddress, string key, string version = "13", string extra = "") =>
        $"GET / HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: {version}\r\n{extra}\r\n";

    public static string ExpectedAccept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));

    public Task WriteAsync(string ascii) => WriteAsync(Encoding.ASCII.GetBytes(ascii));

    public async Task WriteAsync(byte[] bytes) => await _stream.WriteAsync(bytes).AsTask().WaitAsync(Timeout);

    /// <summary>Reads an HTTP response head (through the blank line).</summary>
    public async Task<string> ReadHeadAsync()
    {
        while (true)
        {
            var text = Encoding.ASCII.GetString([.. _pending]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.RemoveRange(0, end + 4);
                return text[..(end + 4)];
            }

            Assert.True(await FillAsync(), "connection closed before the response head");
        }
    }

    /// <summary>Reads whatever follows the head until the server closes the connection.</summary>
    public async Task<string> ReadToEndAsync()
    {
        while (await FillAsync())
        {
        }

        return Encoding.ASCII.GetString([.. _pending]);
    }

    /// <summary>A client frame; masked with a random key unless <paramref name="masked"/> is false.</summary>
    public static byte[] Frame(int opcode, ReadOnlySpan<byte> payload, bool fin = true, bool masked = true, int rsv = 0)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | rsv | opcode) };
        var maskBit = masked ? 0x80 : 0;
        if (payload.Length < 126)
        {
            header.Add((byte)(maskBit | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header.Add((byte)(maskBit | 126));
            header.Add((byte)(payload.Length >> 8));
            header.Add((byte)payload.Length);
        }
        else
        {
            header.Add((byte)(maskBit | 127));
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            header.AddRange(length);
        }

        var body = payload.ToArray();
        if (masked)
        {
            var key = RandomNumberGenerator.GetBytes(4);
            header.AddRange(key);
            for (var i = 0; i < body.Length; i++)
            {
                body[i] ^= key[i % 4];
            }
        }

        return [.. header, .. body];
    }

    public Task SendFrameAsync(int opcode, byte[] payload, bool fin = true, bool masked = true, int rsv = 0) =>
        WriteAsync(Frame(opcode, payload, fin, masked, rsv));

    public Task SendTextAsync(string text) => SendFrameAsync(RawFrame.Text, Encoding.UTF8.GetBytes(text));

    /// <summary>The next frame from the server, or null when it closed the connection.</summary>
    public async Task<RawFrame?> ReadFrameAsync()
    {
        while (true)
        {
            if (TryTakeFrame() is { } frame)
            {
                return frame;
            }

            if (!await FillAsync())
            {
                return null;
            }
        }
    }

    /// <summary>Reads frames until the server's close frame; returns it and the text frames before it.</summary>
    public async Task<(RawFrame Close, List<string> Texts)> ReadUntilCloseAsync()
    {
        var texts = new List<string>();
        while (true)
        {
            var frame = await ReadFrameAsync();
            Assert.NotNull(frame);
            if (frame.Opcode == RawFrame.Close)
            {
                return (frame, texts);
            }

            if (frame.Opcode == RawFrame.Text)
            {
                texts.Add(frame.AsText);
            }
        }
    }

    /// <summary>Reads text frames until one contains <paramref name="fragment"/>.</summary>
    public async Task<string> ReadTextContainingAsync(string fragment)
    {
        while (true)
        {
            var frame = await ReadFrameAsync();
            Assert.NotNull(frame);
            Assert.NotEqual(RawFrame.Close, frame.Opcode);
            if (frame.Opcode == RawFrame.Text && frame.AsText.Contains(fragment, StringComparison.Ordinal))
            {
                return frame.AsText;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private RawFrame? TryTakeFrame()
    {
        if (_pending.Count < 2)
        {
            return null;
        }

        var lengthCode = _pending[1] & 0x7F;
        var headerLength = lengthCode == 126 ? 4 : lengthCode == 127 ? 10 : 2;
        if (_pending.Count < headerLength)
        {
            return null;
        }

        var bytes = _pending.ToArray();
        var length = lengthCode == 126 ? BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2))
            : lengthCode == 127 ? (long)BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(2))
            : lengthCode;
        Assert.Equal(0, _pending[1] & 0x80); // server frames are never masked
        if (bytes.Length < headerLength + length)
        {
            return null;
        }

        var frame = new RawFrame((bytes[0] & 0x80) != 0, bytes[0] & 0x0F, bytes.AsSpan(headerLength, (int)length).ToArray());
        _pending.RemoveRange(0, headerLength + (int)length);
        return frame;
    }

    private async Task<bool> FillAsync()
    {
        var buffer = new byte[16 * 1024];
        int read;
        try
        {
            read = await _stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout);
        }
        catch (IOException)
        {
            return false; // reset by the server
        }

        _pending.AddRange(buffer.AsSpan(0, read).ToArray());
        return read > 0;
    }
}
