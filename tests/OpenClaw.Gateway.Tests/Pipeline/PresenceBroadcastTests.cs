using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Testing;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>Presence goes out coalesced (on a manual clock here) and large events reach every client whole.</summary>
public sealed class PresenceBroadcastTests
{
    [Fact]
    public async Task Presence_BurstOfConnects_OneBroadcastWithLatestListAndVersion()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var tracker = gateway.Services.GetRequiredService<PresenceTracker>();
        var versions = gateway.Services.GetRequiredService<GatewayStateVersions>();
        var (watcher, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var ownedWatcher = watcher;
        await WaitUntilAsync(() => tracker.Snapshot().Count == 2);
        clock.Advance(TimeSpan.Zero);
        var first = await watcher.NextEventAsync(GatewayEventNames.Presence);

        var joiners = new List<GatewayTestClient>();
        for (var i = 0; i < 5; i++)
        {
            joiners.Add((await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Backend(scopes: OperatorScopes.Read))).Client);
        }

        await WaitUntilAsync(() => tracker.Snapshot().Count == 7);
        await watcher.RequestAsync("test.echo", new JsonObject()); // anything queued before the answer has arrived by now
        var earlyPresence = watcher.Stashed.Count(f => (string?)f["event"] == GatewayEventNames.Presence);
        clock.Advance(PresenceTracker.BroadcastInterval);
        var coalesced = await watcher.NextEventAsync(GatewayEventNames.Presence);
        await watcher.RequestAsync("test.echo", new JsonObject());

        Assert.Equal(0, earlyPresence);
        Assert.Equal(2, first.Payload!.Value.GetProperty("presence").GetArrayLength());
        Assert.Equal(7, coalesced.Payload!.Value.GetProperty("presence").GetArrayLength());
        Assert.Equal(first.StateVersion!.Presence + 5, coalesced.StateVersion!.Presence);
        Assert.Equal(versions.Current.Presence, coalesced.StateVersion.Presence);
        Assert.Equal(first.Seq + 1, coalesced.Seq);
        Assert.DoesNotContain(watcher.Stashed, f => (string?)f["event"] == GatewayEventNames.Presence);
        foreach (var joiner in joiners)
        {
            await joiner.DisposeAsync();
        }
    }

    [Fact]
    public async Task Events_PayloadLargerThanAFragment_ArrivesWholeAtEveryClient()
    {
        // A clock that never moves: no presence or tick can take a seq between the two chat events.
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var (admin, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Admin));
        await using var ownedAdmin = admin;
        var (reader, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var ownedReader = reader;

        await admin.RequestAsync("test.broadcast", new JsonObject { ["event"] = "chat", ["count"] = 2, ["payloadBytes"] = 200_000 });
        var received = new List<EventFrame>();
        foreach (var client in new[] { admin, reader })
        {
            received.Add(await client.NextEventAsync("chat"));
            received.Add(await client.NextEventAsync("chat"));
        }

        Assert.All(received, chat => Assert.Equal(200_000, chat.Payload!.Value.GetProperty("text").GetString()!.Length));
        Assert.Equal(received[0].Seq + 1, received[1].Seq);
        Assert.Equal(received[2].Seq + 1, received[3].Seq);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(GatewayTestClient.DefaultTimeout);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
