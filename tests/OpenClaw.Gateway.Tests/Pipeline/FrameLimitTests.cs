using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>Pre-auth and post-hello frame limits, the pre-hello frame count and the handshake timeout.</summary>
public sealed class FrameLimitTests
{
    [Fact]
    public async Task PreAuth_FrameOver64KiB_Close1009()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var client = await GatewayTestClient.OpenAsync(gateway.BaseAddress);
        await client.ReadChallengeAsync();

        await client.SendAsync(new byte[64 * 1024 + 1], WebSocketMessageType.Text);

        Assert.Equal(1009, (await client.WaitForCloseAsync()).Code);
    }

    [Fact]
    public async Task PostHello_FrameOverMaxPayload_Close1009ButSmallerFramesPass()
    {
        await using var gateway = await TestGateway.StartAsync(configureOptions: o => o.MaxPayloadBytes = 128 * 1024);
        var (client, hello) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress);
        await using var ownedClient = client;
        Assert.Equal(128 * 1024, hello.Policy.MaxPayload);

        var padded = new JsonObject { ["text"] = "ok" };
        await client.SendTextAsync($$"""{"type":"req","id":"big-ok","method":"test.echo","params":{"text":"ok"},"traceparent":"{{new string('a', 100)}}"}""");
        Assert.True((await client.ResponseAsync("big-ok")).Ok);
        await client.SendAsync(new byte[100 * 1024], WebSocketMessageType.Text); // over 64 KiB, under 128 KiB: ignored as non-JSON
        Assert.True((await client.RequestAsync("test.echo", padded)).Ok);

        await client.SendAsync(new byte[128 * 1024 + 1], WebSocketMessageType.Text);
        Assert.Equal(1009, (await client.WaitForCloseAsync()).Code);
    }

    [Fact]
    public async Task PreHello_SixteenFramesWhileConnectPending_Close1008()
    {
        var gate = new GatedHealthProvider();
        await using var gateway = await TestGateway.StartAsync(configureServices: s => s.AddSingleton<IHealthSnapshotProvider>(gate));
        await using var client = await GatewayTestClient.OpenAsync(gateway.BaseAddress);
        await client.ReadChallengeAsync();

        await client.SendTextAsync(new JsonObject { ["type"] = "req", ["id"] = "c", ["method"] = "connect", ["params"] = ConnectParamsBuilder.Cli() }.ToJsonString());
        await gate.Entered.WaitAsync(GatewayTestClient.DefaultTimeout);
        for (var i = 0; i < 15; i++)
        {
            await client.SendTextAsync("{}");
        }

        var (code, _, frames) = await client.WaitForCloseAsync();
        gate.Release();

        Assert.Equal(1008, code);
        Assert.DoesNotContain(frames, f => (string?)f["id"] == "c" && (bool?)f["ok"] == true);
    }

    [Fact]
    public async Task PreHello_FifteenFrames_StillAllowed()
    {
        var gate = new GatedHealthProvider();
        await using var gateway = await TestGateway.StartAsync(configureServices: s => s.AddSingleton<IHealthSnapshotProvider>(gate));
        await using var client = await GatewayTestClient.OpenAsync(gateway.BaseAddress);
        await client.ReadChallengeAsync();

        await client.SendTextAsync(new JsonObject { ["type"] = "req", ["id"] = "c", ["method"] = "connect", ["params"] = ConnectParamsBuilder.Cli() }.ToJsonString());
        await gate.Entered.WaitAsync(GatewayTestClient.DefaultTimeout);
        for (var i = 0; i < 14; i++)
        {
            await client.SendTextAsync("{}");
        }

        gate.Release();
        Assert.True((await client.ResponseAsync("c")).Ok);
    }

    [Fact]
    public async Task Handshake_NoConnectWithinTimeout_Close1000()
    {
        await using var gateway = await TestGateway.StartAsync(configureOptions: o => o.HandshakeTimeout = TimeSpan.FromMilliseconds(300));
        await using var client = await GatewayTestClient.OpenAsync(gateway.BaseAddress);
        await client.ReadChallengeAsync();

        var (code, _, frames) = await client.WaitForCloseAsync();

        Assert.Equal(1000, code);
        Assert.Empty(frames);
    }

    [Fact]
    public async Task Handshake_CompletedBeforeTimeout_StaysOpen()
    {
        await using var gateway = await TestGateway.StartAsync(configureOptions: o => o.HandshakeTimeout = TimeSpan.FromMilliseconds(500));
        var (client, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress);
        await using var ownedClient = client;

        await Task.Delay(TimeSpan.FromMilliseconds(800)); // past the handshake timeout on purpose: nothing must happen
        Assert.True((await client.RequestAsync("test.echo", new JsonObject())).Ok);
    }

    /// <summary>Holds connect admission open (hello-ok needs the health snapshot) until released.</summary>
    private sealed class GatedHealthProvider : IHealthSnapshotProvider
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _release.TrySetResult();

        public async Task<JsonNode> GetAsync(CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
            return new JsonObject { ["ok"] = true };
        }
    }
}
