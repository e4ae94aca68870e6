using System.Collections.Concurrent;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events;

/// <summary>
/// The presence list: this gateway's own entry plus one per connected client (probes excluded, as they come and go
/// within a second). Every change bumps <c>stateVersion.presence</c> and broadcasts the whole list.
/// </summary>
internal sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<string, PresenceEntry> _clients = new(StringComparer.Ordinal);
    private readonly GatewayStateVersions _versions;
    private readonly IGatewayEventBroadcaster _broadcaster;
    private readonly TimeProvider _time;
    private readonly PresenceEntry _self;

    public PresenceTracker(GatewayLifecycle lifecycle, GatewayStateVersions versions, IGatewayEventBroadcaster broadcaster, TimeProvider time)
    {
        _versions = versions;
        _broadcaster = broadcaster;
        _time = time;
        var host = Environment.MachineName;
        _self = new PresenceEntry(lifecycle.StartedAt.ToUnixTimeMilliseconds())
        {
            Host = host,
            Version = GatewayLifecycle.Version,
            Platform = $"{PlatformName()} {Environment.OSVersion.Version}",
            DeviceFamily = DeviceFamily(),
            Mode = "gateway",
            Reason = "self",
            InstanceId = lifecycle.BootId,
            Text = $"Gateway: {host} · app {GatewayLifecycle.Version} · mode gateway · reason self",
        };
    }

    public IReadOnlyList<PresenceEntry> Snapshot() =>
        [_self, .. _clients.Values.OrderBy(entry => entry.Ts)];

    public void Connected(string connectionId, ConnectionPrincipal principal)
    {
        if (principal.ClientMode == ConnectClientModes.Probe)
        {
            return;
        }

        _clients[connectionId] = new PresenceEntry(_time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            Host = principal.DisplayName,
            Ip = principal.RemoteIp?.ToString(),
            Version = principal.ClientVersion,
            Platform = principal.Platform,
            DeviceFamily = principal.DeviceFamily,
            Mode = principal.ClientMode,
            Reason = "connect",
            DeviceId = principal.DeviceId,
            Roles = [principal.Role],
            Scopes = principal.Scopes,
            InstanceId = principal.InstanceId,
        };
        Publish();
    }

    public void Disconnected(string connectionId)
    {
        if (_clients.TryRemove(connectionId, out _))
        {
            Publish();
        }
    }

    private void Publish() =>
        _broadcaster.Broadcast(GatewayEventNames.Presence, new PresenceEvent(Snapshot()), ProtocolJson.Default.PresenceEvent,
            dropIfSlow: true, stateVersion: _versions.NextPresence());

    private static string PlatformName() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "win32" : "unknown";

    private static string DeviceFamily() =>
        OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsMacOS() ? "Mac" : OperatingSystem.IsWindows() ? "Windows" : "Unknown";
}
