using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.Agents;

/// <summary>The agent roster as the methods see it: default agent first, then by id; agent-id lookups.</summary>
internal static class ConfiguredAgents
{
    public const string UnknownAgentIdCode = "UNKNOWN_AGENT_ID";

    public static IReadOnlyList<AgentEntryConfig> Ordered(AgentsConfig agents) =>
        [.. agents.Entries.Values
            .OrderBy(entry => entry.Id == agents.DefaultAgentId ? 0 : 1)
            .ThenBy(entry => entry.Id, StringComparer.Ordinal)];

    /// <summary>
    /// The configured agent for <paramref name="agentId"/> (trimmed, case-insensitive, as upstream normalises ids), or
    /// the default agent when it is absent; an unknown id is INVALID_REQUEST with <c>details.code</c> UNKNOWN_AGENT_ID.
    /// </summary>
    public static AgentEntryConfig Resolve(AgentsConfig agents, string? agentId)
    {
        if (string.IsNullOrWhiteSpace(agentId))
        {
            return agents.Entries.TryGetValue(agents.DefaultAgentId, out var fallback)
                ? fallback
                : new AgentEntryConfig { Id = agents.DefaultAgentId };
        }

        return agents.Entries.TryGetValue(agentId.Trim().ToLowerInvariant(), out var entry)
            ? entry
            : throw new RpcException(ErrorCodes.InvalidRequest, $"unknown agent id \"{agentId}\"")
            {
                Details = new JsonObject { ["code"] = UnknownAgentIdCode, ["agentId"] = agentId },
            };
    }

    /// <summary>The agent's primary model (<c>provider/model</c>): its own, else <c>agents.defaults.model</c>.</summary>
    public static string? PrimaryModel(AgentsConfig agents, AgentEntryConfig agent) =>
        agent.Model?.Primary ?? agents.Defaults.Model?.Primary;
}
