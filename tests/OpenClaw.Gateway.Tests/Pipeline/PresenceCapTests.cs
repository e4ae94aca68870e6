using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>The presence list is capped like upstream's (self plus the newest clients), in hello-ok too.</summary>
public sealed class PresenceCapTests
{
    [Fact]
    public async Task Presence_MoreClientsThanTheCap_ListsSelfAndTheNewest()
    {
        await using var gateway = await TestGateway.StartAsync();
        var tracker = gateway.Services.GetRequiredService<PresenceTracker>();
        var extra = 50;
        for (var i = 0; i < PresenceTracker.MaxEntries + extra; i++)
        {
            tracker.Connected($"conn-{i}", Principal($"instance-{i}"));
        }

        var capped = tracker.Snapshot();
        tracker.Disconnected($"conn-{PresenceTracker.MaxEntries + extra - 1}");
        var afterNewestLeft = tracker.Snapshot();

        Assert.Equal(PresenceTracker.MaxEntries, capped.Count);
        Assert.Equal("self", capped[0].Reason);
        Assert.Equal($"instance-{extra + 1}", capped[1].InstanceId);
        Assert.Equal($"instance-{PresenceTracker.MaxEntries + extra - 1}", capped[^1].InstanceId);
        Assert.Equal(PresenceTracker.MaxEntries, afterNewestLeft.Count);
        Assert.Equal($"instance-{extra}", afterNewestLeft[1].InstanceId);
        Assert.Equal($"instance-{PresenceTracker.MaxEntries + extra - 2}", afterNewestLeft[^1].InstanceId);
    }

    [Fact]
    public async Task Hello_MoreClientsThanTheCap_SnapshotCarriesAtMostTheCap()
    {
        await using var gateway = await TestGateway.StartAsync();
        var tracker = gateway.Services.GetRequiredService<PresenceTracker>();
        for (var i = 0; i < PresenceTracker.MaxEntries * 2; i++)
        {
            tracker.Connected($"conn-{i}", Principal($"instance-{i}"));
        }

        var (client, hello) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var owned = client;

        Assert.Equal(PresenceTracker.MaxEntries, hello.Snapshot.Presence.Count);
        Assert.Equal("self", hello.Snapshot.Presence[0].Reason);
    }

    private static ConnectionPrincipal Principal(string instanceId) =>
        new(ConnectRoles.Operator, [OperatorScopes.Read], "cli", ConnectClientModes.Cli, null, IsLoopback: true) { InstanceId = instanceId };
}
