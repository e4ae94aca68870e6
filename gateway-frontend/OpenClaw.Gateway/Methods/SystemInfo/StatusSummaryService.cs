using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Methods.Agents;
using OpenClaw.Gateway.Methods.Channels;
using OpenClaw.Gateway.Methods.Diagnostics;
using OpenClaw.Gateway.Methods.Models;
using OpenClaw.Gateway.Methods.Sessions;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Methods.SystemInfo;

/// <summary>Builds the <c>status</c> result (what <c>openclaw status</c> renders), always fresh.</summary>
internal sealed class StatusSummaryService(
    IOpenClawConfigSource config,
    SessionStoreSummaries sessionStores,
    RuntimeLoadMonitor runtimeLoad)
{
    public const int RecentSessionLimit = 10;

    public async Task<StatusSummary> BuildAsync(StatusParams request, CancellationToken cancellationToken)
    {
        var snapshot = config.Current.Config;
        var agents = ConfiguredAgents.Ordered(snapshot.Agents);
        var defaultAgentId = snapshot.Agents.DefaultAgentId;
        var stores = await sessionStores.ReadAsync(agents, RecentSessionLimit, cancellationToken).ConfigureAwait(false);

        var defaultAgent = ConfiguredAgents.Resolve(snapshot.Agents, agentId: null);
        var defaultModel = ModelReference.Parse(ConfiguredAgents.PrimaryModel(snapshot.Agents, defaultAgent));
        var sessions = new StatusSessions(
            Paths: [.. stores.Select(store => store.Store.Path).Distinct(StringComparer.Ordinal)],
            Count: stores.Sum(store => store.Store.Count),
            Defaults: new StatusSessionDefaults(defaultModel?.Model, defaultModel?.Find(snapshot.Models)?.Model.ContextWindow),
            Recent: [.. stores.SelectMany(store => store.Store.Recent).OrderByDescending(s => s.UpdatedAt).Take(RecentSessionLimit)],
            ByAgent: [.. stores.Select(store => new AgentSessionsStatus(store.AgentId, store.Store.Path, store.Store.Count, store.Store.Recent))]);

        return new StatusSummary(
            RuntimeVersion: GatewayLifecycle.Version,
            HostDesktop: new HostDesktopStatus(Enabled: false, State: "disabled"),
            Heartbeat: new HeartbeatOverview(
                defaultAgentId,
                [.. agents.Select(agent => new AgentHeartbeatOverview(agent.Id, false, HeartbeatDefaults.DisabledEvery, null))]),
            ChannelSummary: request.IncludeChannelSummary == true ? ChannelSummaryLines(snapshot) : [],
            QueuedSystemEvents: [],
            DegradedSecretOwners: [],
            DegradedPlugins: [],
            Sessions: sessions,
            ModelRuntime: new ModelRuntimeStatus(false, []),
            EventLoop: runtimeLoad.Current(),
            ProcessMemory: ProcessMemoryReader.Read(),
            Pid: Environment.ProcessId)
        {
            CliProjection = request.IncludeCliProjection == true
                ? new CliProjection(
                    new CliAgentsProjection(
                        defaultAgentId,
                        agents.Count == 1 ? "sole" : "explicit",
                        SelectionRequired: false,
                        [.. agents.Select(agent => new CliAgentRow(agent.Id) { Name = agent.Name })]),
                    new MemoryPluginStatus(Enabled: false))
                : null,
        };
    }

    private static IReadOnlyList<string> ChannelSummaryLines(OpenClawConfig snapshot) =>
        [.. ConfiguredChannels.Read(snapshot.Channels).Select(channel =>
            $"{channel.Label}: configured, not running ({ConfiguredChannels.DriverMissingMessage})")];
}
