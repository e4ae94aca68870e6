using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Methods.Agents;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Methods.Sessions;

/// <summary>A session as a method addresses it: its canonical key (the grain key) and the agent that owns it.</summary>
internal sealed record SessionTarget(string Key, string AgentId);

/// <summary>
/// Turns a wire session key (+ optional <c>agentId</c>) into a <see cref="SessionTarget"/>: bare keys belong to the
/// given agent (else the default agent), <c>main</c> is that agent's main key; an unknown agent is UNKNOWN_AGENT_ID;
/// a key naming another agent than an explicit <c>agentId</c> is refused.
/// </summary>
internal static class SessionTargets
{
    public static SessionTarget Resolve(OpenClawConfig config, string key, string? agentId)
    {
        var agent = ConfiguredAgents.Resolve(config.Agents, agentId);
        string canonical;
        try
        {
            canonical = SessionKeys.Normalize(key, agent.Id, config.Session.MainKey);
        }
        catch (ArgumentException exception)
        {
            throw new RpcException(ErrorCodes.InvalidRequest, exception.Message.Split(" (Parameter", 2)[0]);
        }

        var owner = SessionKeys.AgentIdOf(canonical, agent.Id);
        if (!string.IsNullOrWhiteSpace(agentId) && owner != agent.Id)
        {
            throw new RpcException(ErrorCodes.InvalidRequest, $"session key \"{canonical}\" belongs to agent \"{owner}\", not \"{agent.Id}\"");
        }

        return new SessionTarget(canonical, owner);
    }

    /// <summary>The agent's main session (<c>agent:&lt;id&gt;:&lt;session.mainKey&gt;</c>).</summary>
    public static SessionTarget Main(OpenClawConfig config, string? agentId)
    {
        var agent = ConfiguredAgents.Resolve(config.Agents, agentId);
        return new SessionTarget(SessionKeys.MainKeyOf(agent.Id, config.Session.MainKey), agent.Id);
    }
}
