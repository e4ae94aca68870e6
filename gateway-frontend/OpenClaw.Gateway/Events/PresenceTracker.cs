using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events;

/// <summary>
/// The presence list: this gateway's own entry plus one per connected client (probes excluded, as they come and go
/// within a second), in connect order. Every change bumps <c>stateVersion.presence</c>; the whole list is broadcast
/// at most once per <see cref="BroadcastInterval"/>, carrying the state and version current when it goes out, so a
/// burst of N connects costs a few broadcasts instead of N (each to N connections). One broadcast sends the list to
/// every client, so with many clients broadcasts are spaced further apart to keep that fan-out near
/// <see cref="FanOutBytesPerSecond"/> (never more than <see cref="MaxBroadcastInterval"/> apart). Presence is
/// drop-if-slow and a connection holds at most one unsent presence (see <c>OutboundQueue</c>): the next supersedes it.
/// The list is capped at <see cref="MaxEntries"/> (upstream's cap): past it the oldest connections are left out, so
/// a hello-ok or a broadcast stays bounded however many clients connect, instead of growing N entries × N clients.
/// </summary>
internal sealed class PresenceTracker : IDisposable
{
    /// <summary>How often the list is broadcast at most while it keeps changing.</summary>
    public static readonly TimeSpan BroadcastInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest a change waits to be broadcast, however many clients there are.</summary>
    public static readonly TimeSpan MaxBroadcastInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Presence bytes per second the gateway aims to send to all clients together (entries × recipients × entry size).
    /// Kept low: every byte is formatted and written per connection, and what is in flight at the peak of a connect
    /// burst stays in the socket buffer pools afterwards (a 64 MB/s budget measured about twice the idle memory per
    /// connection of clients left out of presence).
    /// </summary>
    public const long FanOutBytesPerSecond = 16L * 1024 * 1024;

    /// <summary>Entries in the list at most, this gateway's own included (upstream's <c>MAX_ENTRIES</c>).</summary>
    public const int MaxEntries = 200;

    /// <summary>A typical serialized entry, for the fan-out estimate.</summary>
    private const int EstimatedEntryBytes = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<PresenceEntry>> _byConnection = new(StringComparer.Ordinal);
    private readonly LinkedList<PresenceEntry> _clients = new();
    private readonly GatewayStateVersions _versions;
    private readonly IGatewayEventBroadcaster _broadcaster;
    private readonly TimeProvider _time;
    private readonly PresenceEntry _self;
    private readonly BroadcastCoalescer _broadcasts;
    private PresenceEntry[]? _snapshot;

    public PresenceTracker(
        GatewayLifecycle lifecycle,
        GatewayStateVersions versions,
        IGatewayEventBroadcaster broadcaster,
        TimeProvider time,
        ILogger<PresenceTracker> logger)
    {
        _versions = versions;
        _broadcaster = broadcaster;
        _time = time;
        _broadcasts = new BroadcastCoalescer(BroadcastInterval, time, Publish, logger);
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

    /// <summary>The current list; built once per change and shared by every reader until the next one.</summary>
    public IReadOnlyList<PresenceEntry> Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    public void Connected(string connectionId, ConnectionPrincipal principal)
    {
        if (principal.ClientMode == ConnectClientModes.Probe)
        {
            return;
        }

        lock (_gate)
        {
            // The timestamp is taken under the lock so connect order is also timestamp order.
            var entry = new PresenceEntry(_time.GetUtcNow().ToUnixTimeMilliseconds())
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
            if (_byConnection.Remove(connectionId, out var replaced))
            {
                _clients.Remove(replaced);
            }

            _byConnection[connectionId] = _clients.AddLast(entry);
            ChangedLocked();
        }

        _broadcasts.Request();
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (!_byConnection.Remove(connectionId, out var node))
            {
                return;
            }

            _clients.Remove(node);
            ChangedLocked();
        }

        _broadcasts.Request();
    }

    public void Dispose() => _broadcasts.Dispose();

    private void ChangedLocked()
    {
        _versions.NextPresence();
        _snapshot = null;
    }

    private PresenceEntry[] SnapshotLocked()
    {
        if (_snapshot is null)
        {
            // Connect order, oldest first: the newest clients are at the end, so the cap skips from the front.
            var shown = Math.Min(_clients.Count, MaxEntries - 1);
            var entries = new PresenceEntry[shown + 1];
            entries[0] = _self;
            var node = _clients.Last;
            for (var i = shown; i >= 1; i--)
            {
                entries[i] = node!.Value;
                node = node.Previous;
            }

            _snapshot = entries;
        }

        return _snapshot;
    }

    /// <summary>The pause after a broadcast of <paramref name="entries"/> entries to <paramref name="recipients"/> clients.</summary>
    public static TimeSpan IntervalAfter(int entries, int recipients)
    {
        var fanOutBytes = (double)entries * recipients * EstimatedEntryBytes;
        var paced = TimeSpan.FromSeconds(fanOutBytes / FanOutBytesPerSecond);
        return paced < BroadcastInterval ? BroadcastInterval : paced > MaxBroadcastInterval ? MaxBroadcastInterval : paced;
    }

    /// <summary>One broadcast of the latest list with the version it has (changes are made under the same lock).</summary>
    private TimeSpan Publish()
    {
        PresenceEntry[] entries;
        GatewayStateVersion version;
        int recipients;
        lock (_gate)
        {
            entries = SnapshotLocked();
            version = _versions.Current;
            recipients = _byConnection.Count;
        }

        _broadcaster.Broadcast(GatewayEventNames.Presence, new PresenceEvent(entries), ProtocolJson.Default.PresenceEvent,
            dropIfSlow: true, stateVersion: version);
        return IntervalAfter(entries.Length, recipients);
    }

    private static string PlatformName() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "win32" : "unknown";

    private static string DeviceFamily() =>
        OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsMacOS() ? "Mac" : OperatingSystem.IsWindows() ? "Windows" : "Unknown";
}
