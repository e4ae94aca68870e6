using OpenClaw.Actors;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Protocol;
using OpenClaw.GrainInterfaces;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Methods.Sessions;

/// <summary>Reads every configured agent's session index summary (for health and status), one grain call per agent.</summary>
internal sealed class SessionStoreSummaries(IGrainFactory grains, TimeProvider time)
{
    public async Task<IReadOnlyList<AgentSessionStore>> ReadAsync(
        IReadOnlyList<AgentEntryConfig> agents, int recentLimit, CancellationToken cancellationToken)
    {
        var reads = agents.Select(agent => ReadOneAsync(agent.Id, recentLimit, cancellationToken));
        return await Task.WhenAll(reads).ConfigureAwait(false);
    }

    private async Task<AgentSessionStore> ReadOneAsync(string agentId, int recentLimit, CancellationToken cancellationToken)
    {
        var index = grains.GetGrain<ISessionIndexGrain>(GrainKeys.SessionIndex(agentId));
        var summary = await index.GetSummaryAsync(recentLimit, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var recent = summary.Recent
            .Select(session => new RecentSessionSummary(session.Key, session.UpdatedAt, Math.Max(0, now - session.UpdatedAt)))
            .ToList();
        return new AgentSessionStore(agentId, new SessionStoreSummary(summary.StorePath, summary.Count, recent));
    }
}

internal sealed record AgentSessionStore(string AgentId, SessionStoreSummary Store);
