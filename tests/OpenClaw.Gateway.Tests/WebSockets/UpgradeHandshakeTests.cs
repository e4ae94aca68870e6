using System.Security.Cryptography;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.WebSockets;

/// <summary>The opening handshake of the gateway's own WebSocket server, and plain HTTP passing by it untouched.</summary>
public sealed class UpgradeHandshakeTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(configureOptions: o =>
    {
        o.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
        // Generous: under a loaded CI run a pong can wait most of a second for a thread-pool thread in the test process.
        o.KeepAliveTimeout = TimeSpan.FromSeconds(3);
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Upgrade_OfferingPermessageDeflate_101WithoutExtensions()
    {
        await using var client = await RawWebSocketClient.ConnectTcpAsync(_gateway.BaseAddress);
        var key = NewKey();
        await client.WriteAsync(RawWebSocketClient.UpgradeRequest(_gateway.BaseAddress, key,
            extra: "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"));

        var head = await client.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101 ", head, StringComparison.Ordinal);
        Assert.Contains($"Sec-WebSocket-Accept: {RawWebSocketClient.ExpectedAccept(key)}\r\n", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Sec-WebSocket-Extensions", head, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Upgrade_Version8_426NamingVersion13()
    {
        await using var client = await RawWebSocketClient.ConnectTcpAsync(_gateway.BaseAddress);
        await client.WriteAsync(RawWebSocketClient.UpgradeRequest(_gateway.BaseAddress, NewKey(), version: "8"));

        var head = await client.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 426 ", head, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Version: 13\r\n", head, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-base64")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 21 bytes
    public async Task Upgrade_InvalidKey_400(string key)
    {
        await using var client = await RawWebSocketClient.ConnectTcpAsync(_gateway.BaseAddress);
        await client.WriteAsync(RawWebSocketClient.UpgradeRequest(_gateway.BaseAddress, key));
        Assert.StartsWith("HTTP/1.1 400 ", await client.ReadHeadAsync(), StringComparison.Ordinal);
    }

    /// <summary>The connection middleware only looks at the first read; a split head is served by the HTTP pipeline's WebSocket path.</summary>
    [Fact]
    public async Task Upgrade_HeadSplitAcrossWrites_StillServed()
    {
        await using var client = await RawWebSocketClient.ConnectTcpAsync(_gateway.BaseAddress);
        var request = RawWebSocketClient.UpgradeRequest(_gateway.BaseAddress, NewKey());
        await client.WriteAsync(request[..7]);
        await Task.Delay(100);
        await client.WriteAsync(request[7..]);
        Assert.StartsWith("HTTP/1.1 101 ", await client.ReadHeadAsync(), StringComparison.Ordinal);
        Assert.Contains("connect.challenge", await client.ReadTextContainingAsync("connect.challenge"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainGet_InOneWrite_AnsweredByKestrel()
    {
        await using var client = await RawWebSocketClient.ConnectTcpAsync(_gateway.BaseAddress);
        await client.WriteAsync($"GET /healthz HTTP/1.1\r\nHost: {_gateway.BaseAddress.Authority}\r\nConnection: close\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 ", await client.ReadHeadAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainGet_HeadSplitAcrossWrites_AnsweredByKestrel()
    {
        await using var client = await RawWebSocketClient.ConnectTcpAsync(_gateway.BaseAddress);
        var request = $"GET /healthz HTTP/1.1\r\nHost: {_gateway.BaseAddress.Authority}\r\nConnection: close\r\n\r\n";

        await client.WriteAsync(request[..20]);
        await Task.Delay(100);
        await client.WriteAsync(request[20..]);

        Assert.StartsWith("HTTP/1.1 200 ", await client.ReadHeadAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainPost_AnsweredByKestrel()
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress, Timeout = RawWebSocketClient.Timeout };
        var response = await http.PostAsync("/healthz", new StringContent("{}"));
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task KeepAlive_PingsAndAbortsAPeerThatNeverAnswers()
    {
        await using var client = await RawWebSocketClient.OpenAsync(_gateway.BaseAddress);
        RawFrame? frame;
        do
        {
            frame = await client.ReadFrameAsync();
            Assert.NotNull(frame);
        }
        while (frame.Opcode != RawFrame.Ping);

        // No pong: within the timeout the server gives up on the connection.
        while (frame is not null)
        {
            frame = await client.ReadFrameAsync();
        }
    }

    [Fact]
    public async Task KeepAlive_APeerThatAnswersStaysConnected()
    {
        await using var client = await RawWebSocketClient.OpenAsync(_gateway.BaseAddress);
        for (var pongs = 0; pongs < 5;)
        {
            var frame = await client.ReadFrameAsync();
            Assert.NotNull(frame);
            Assert.NotEqual(RawFrame.Close, frame.Opcode);
            if (frame.Opcode == RawFrame.Ping)
            {
                await client.SendFrameAsync(RawFrame.Pong, frame.Payload);
                pongs++;
            }
        }
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
}
