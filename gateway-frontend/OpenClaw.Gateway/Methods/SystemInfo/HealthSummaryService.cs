using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Methods.Agents;
using OpenClaw.Gateway.Methods.Channels;
using OpenClaw.Gateway.Methods.Diagnostics;
using OpenClaw.Gateway.Methods.Sessions;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Methods.SystemInfo;

/// <summary>
/// Builds openclaw's HealthSummary. A summary younger than <see cref="CacheTtl"/> is reused (upstream refreshes it
/// every 60 s); <c>probe</c> forces a fresh one. One build at a time: concurrent callers wait for it.
/// </summary>
internal sealed class HealthSummaryService(
    IOpenClawConfigSource config,
    SessionStoreSummaries sessionStores,
    RuntimeLoadMonitor runtimeLoad,
    TimeProvider time) : IHealthSnapshotProvider, IDisposable
{
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(10);
    public const int RecentSessionLimit = 5;

    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile CachedSummary? _cached;

    public async Task<HealthSummary> GetAsync(bool probe, CancellationToken cancellationToken)
    {
        if (!probe && Fresh(_cached) is { } hit)
        {
            return hit;
        }

        await _building.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!probe && Fresh(_cached) is { } built)
            {
                return built;
            }

            var summary = await BuildAsync(cancellationToken).ConfigureAwait(false);
            _cached = new CachedSummary(summary, time.GetTimestamp());
            return summary;
        }
        finally
        {
            _building.Release();
        }
    }

    async Task<JsonNode> IHealthSnapshotProvider.GetAsync(CancellationToken cancellationToken)
    {
        var summary = await GetAsync(probe: false, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToNode(summary, MethodsJson.Default.HealthSummary)!;
    }

    public void Dispose() => _building.Dispose();

    private HealthSummary? Fresh(CachedSummary? cached) =>
        cached is not null && time.GetElapsedTime(cached.BuiltAt) < CacheTtl ? cached.Summary : null;

    private async Task<HealthSummary> BuildAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var snapshot = config.Current.Config;
        var agents = ConfiguredAgents.Ordered(snapshot.Agents);
        var stores = await sessionStores.ReadAsync(agents, RecentSessionLimit, cancellationToken).ConfigureAwait(false);
        var channels = ConfiguredChannels.Read(snapshot.Channels);
        var defaultAgentId = snapshot.Agents.DefaultAgentId;

        var agentSummaries = stores
            .Select(store => new AgentHealthSummary(
                store.AgentId,
                store.AgentId == defaultAgentId,
                HeartbeatDefaults.Disabled,
                store.Store))
            .ToList();
        var defaultStore = stores.FirstOrDefault(store => store.AgentId == defaultAgentId)?.Store
            ?? new SessionStoreSummary(string.Empty, 0, []);

        return new HealthSummary(
            Ok: true,
            Ts: time.GetUtcNow().ToUnixTimeMilliseconds(),
            DurationMs: (long)time.GetElapsedTime(started).TotalMilliseconds,
            Plugins: new HealthPlugins([], [], []),
            ConfigReload: new ConfigReloadStatus("active"),
            Channels: channels.ToDictionary(channel => channel.Id, ToHealth),
            ChannelOrder: [.. channels.Select(channel => channel.Id)],
            ChannelLabels: channels.ToDictionary(channel => channel.Id, channel => channel.Label),
            HeartbeatSeconds: 0,
            DefaultAgentId: defaultAgentId,
            Agents: agentSummaries,
            Sessions: defaultStore,
            ModelRuntime: new ModelRuntimeStatus(false, []),
            EventLoop: runtimeLoad.Current());
    }

    private static ChannelHealthSummary ToHealth(ConfiguredChannel channel) =>
        new(channel.DefaultAccountId, Configured: true, Running: false)
        {
            Accounts = channel.Accounts.ToDictionary(
                account => account.AccountId,
                account => new ChannelAccountHealthSummary(account.AccountId, Configured: true, Running: false)),
        };

    private sealed record CachedSummary(HealthSummary Summary, long BuiltAt);
}
