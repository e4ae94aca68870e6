using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Gateway.Connections;
using System.Text.Json.Nodes;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.WebSockets;

/// <summary>
/// RFC 6455 rules of the gateway's own WebSocket server, checked with hand-made frames on a bare TCP socket
/// against a real gateway: what a correct client never sends must close with the right code.
/// </summary>
public sealed class RawFramingTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task UnmaskedFrame_Close1002()
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(RawFrame.Text, "{}"u8.ToArray(), masked: false);
        Assert.Equal(1002, (await client.ReadUntilCloseAsync()).Close.CloseCode);
    }

    [Theory]
    [InlineData(0x3)]
    [InlineData(0x7)]
    [InlineData(0xB)]
    [InlineData(0xF)]
    public async Task ReservedOpcode_Close1002(int opcode)
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(opcode, "x"u8.ToArray());
        Assert.Equal(1002, (await client.ReadUntilCloseAsync()).Close.CloseCode);
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x20)]
    [InlineData(0x10)]
    public async Task RsvBitWithoutExtension_Close1002(int rsv)
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(RawFrame.Text, "{}"u8.ToArray(), rsv: rsv);
        Assert.Equal(1002, (await client.ReadUntilCloseAsync()).Close.CloseCode);
    }

    [Fact]
    public async Task PingOver125Bytes_Close1002()
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(RawFrame.Ping, new byte[126]);
        Assert.Equal(1002, (await client.ReadUntilCloseAsync()).Close.CloseCode);
    }

    [Fact]
    public async Task FragmentedPing_Close1002()
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(RawFrame.Ping, "a"u8.ToArray(), fin: false);
        Assert.Equal(1002, (await client.ReadUntilCloseAsync()).Close.CloseCode);
    }

    [Fact]
    public async Task ContinuationWithoutMessage_Close1002()
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(0x0, "{}"u8.ToArray());
        Assert.Equal(1002, (await client.ReadUntilCloseAsync()).Close.CloseCode);
    }

    [Fact]
    public async Task NewMessageInsideFragmentedMessage_Close1002()
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(RawFrame.Text, "{"u8.ToArray(), fin: false);
        await client.SendFrameAsync(RawFrame.Text, "}"u8.ToArray());
        Assert.Equal(1002, (await client.ReadUntilCloseAsync()).Close.CloseCode);
    }

    [Fact]
    public async Task InvalidUtf8Text_Close1007()
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(RawFrame.Text, [(byte)'{', 0xC3, 0x28, (byte)'}']);
        Assert.Equal(1007, (await client.ReadUntilCloseAsync()).Close.CloseCode);
    }

    [Fact]
    public async Task TextEndingInsideUtf8Sequence_Close1007()
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(RawFrame.Text, "{}"u8.ToArray(), fin: false);
        await client.SendFrameAsync(0x0, [0xE2, 0x82]);
        Assert.Equal(1007, (await client.ReadUntilCloseAsync()).Close.CloseCode);
    }

    [Fact]
    public async Task FragmentedTextSplitInsideUtf8Sequences_IsOneMessage()
    {
        await using var client = await OpenPastChallengeAsync();
        const string Id = "ü€😀-split";
        var connect = ConnectRequest(Id);

        // Cut inside "€" (3 bytes) and inside "😀" (4 bytes): every fragment boundary falls mid-code-point.
        var euro = IndexOf(connect, "€"u8) + 1;
        var emoji = IndexOf(connect, "😀"u8) + 2;
        await client.SendFrameAsync(RawFrame.Text, connect[..euro], fin: false);
        await client.SendFrameAsync(0x0, connect[euro..emoji], fin: false);
        await client.SendFrameAsync(0x0, connect[emoji..]);

        var response = JsonNode.Parse(await client.ReadTextContainingAsync("\"res\""))!;
        Assert.Equal(Id, (string?)response["id"]);
        Assert.True((bool?)response["ok"]);
    }

    [Fact]
    public async Task PingInsideFragmentedMessage_AnsweredAndMessageStillWhole()
    {
        await using var client = await OpenPastChallengeAsync();
        var connect = ConnectRequest("ping-between");
        await client.SendFrameAsync(RawFrame.Text, connect[..10], fin: false);
        await client.SendFrameAsync(RawFrame.Ping, "are you there"u8.ToArray());
        var pong = await client.ReadFrameAsync();
        Assert.NotNull(pong);
        Assert.Equal(RawFrame.Pong, pong.Opcode);
        Assert.Equal("are you there", pong.AsText);

        await client.SendFrameAsync(0x0, connect[10..]);
        var response = JsonNode.Parse(await client.ReadTextContainingAsync("\"res\""))!;
        Assert.Equal("ping-between", (string?)response["id"]);
        Assert.True((bool?)response["ok"]);
    }

    [Fact]
    public async Task CloseHandshake_EchoesCodeThenClosesTcp()
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(RawFrame.Close, [0x0F, 0xA0, .. "bye"u8]); // 4000

        var close = (await client.ReadUntilCloseAsync()).Close;
        Assert.Equal(4000, close.CloseCode);
        Assert.Null(await client.ReadFrameAsync()); // the server closes the TCP connection after the handshake
    }

    [Theory]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(999)]
    [InlineData(2000)]
    public async Task CloseWithCodeNeverSentOnTheWire_Close1002(int code)
    {
        await using var client = await OpenPastChallengeAsync();
        await client.SendFrameAsync(RawFrame.Close, [(byte)(code >> 8), (byte)code]);
        Assert.Equal(1002, (await client.ReadUntilCloseAsync()).Close.CloseCode);
    }

    [Fact]
    public async Task PeerClosesTcpWithoutCloseFrame_ConnectionLeavesRegistry()
    {
        var client = await OpenPastChallengeAsync();
        await client.DisposeAsync();

        var registry = _gateway.Services.GetRequiredService<ConnectionRegistry>();
        var waited = Stopwatch.StartNew();
        while (registry.Count > 0 && waited.Elapsed < RawWebSocketClient.Timeout)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, registry.Count);
    }

    private async Task<RawWebSocketClient> OpenPastChallengeAsync()
    {
        var client = await RawWebSocketClient.OpenAsync(_gateway.BaseAddress);
        Assert.Contains("connect.challenge", await client.ReadTextContainingAsync("connect.challenge"), StringComparison.Ordinal);
        return client;
    }

    /// <summary>Written by hand so the id's non-ASCII characters stay raw UTF-8 (a serializer would escape them).</summary>
    private static byte[] ConnectRequest(string id) => Encoding.UTF8.GetBytes(
        $$"""{"type":"req","id":"{{id}}","method":"connect","params":{{ConnectParamsBuilder.Cli().ToJsonString()}}}""");

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        var index = haystack.AsSpan().IndexOf(needle);
        Assert.True(index >= 0);
        return index;
    }
}
