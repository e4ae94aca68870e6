using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
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
/// hello-ok's snapshot (<see cref="IHealthSnapshotProvider"/>) waits at most <see cref="HelloBudget"/> for a build: the
/// session stores come from grain calls, which in cluster mode can wait for a shard moving between silos (or a broker
/// outage) up to their deadline, and a connect must not. It then gets the last summary built, or one without sessions.
/// </summary>
internal sealed partial class HealthSummaryService(
    IOpenClawConfigSource config,
    SessionStoreSummaries sessionStores,
    RuntimeLoadMonitor runtimeLoad,
    TimeProvider time,
    ILogger<HealthSummaryService> logger) : IHealthSnapshotProvider, IDisposable
{
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan HelloBudget = TimeSpan.FromSeconds(2);
    public const int RecentSessionLimit = 5;

    private readonly ILogger _logger = logger;

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
        var summary = await GetWithinAsync(HelloBudget, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToNode(summary, MethodsJson.Default.HealthSummary)!;
    }

    /// <summary>
    /// A summary within <paramref name="budget"/>: a fresh one when it can be built in time, else the last one built
    /// (however old), else one without session stores. A build that outlives the budget goes on (not tied to this
    /// caller, so it still refreshes the cache for the next) and its failure is logged.
    /// </summary>
    public async Task<HealthSummary> GetWithinAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        if (Fresh(_cached) is { } hit) return hit;
        var build = GetAsync(probe: false, CancellationToken.None);
        try
        {
            return await build.WaitAsync(budget, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            _ = build.ContinueWith(
                static (failed, state) => ((HealthSummaryService)state!).LogBuildFailed(failed.Exception!.GetBaseException()),
                this, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            LogSummaryLate(budget, _cached is not null);
            var current = config.Current.Config;
            var empty = ConfiguredAgents.Ordered(current.Agents).Select(a => new AgentSessionStore(a.Id, new SessionStoreSummary(string.Empty, 0, []))).ToList();
            return _cached?.Summary ?? Compose(current, empty, time.GetTimestamp());
        }
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
        return Compose(snapshot, stores, started);
    }

    private HealthSummary Compose(OpenClawConfig snapshot, IReadOnlyList<AgentSessionStore> stores, long started)
    {
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

    [LoggerMessage(1480, LogLevel.Information, "The health summary took longer than {Budget} (grain calls waiting, e.g. for a shard moving between silos); hello-ok gets {Which}")]
    private partial void LogSummaryLateCore(TimeSpan budget, string which);

    private void LogSummaryLate(TimeSpan budget, bool stale) => LogSummaryLateCore(budget, stale ? "the last summary built" : "one without session stores");

    [LoggerMessage(1481, LogLevel.Warning, "Building the health summary failed after hello-ok stopped waiting for it")]
    private partial void LogBuildFailed(Exception exception);
}
