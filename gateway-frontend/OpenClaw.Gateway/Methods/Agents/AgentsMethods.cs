using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.Agents;

/// <summary><c>agents.list</c>: the configured agents, the default one, and how session keys are scoped.</summary>
internal sealed class AgentsMethods(IOpenClawConfigSource config) : IRpcMethodGroup
{
    public void Map(RpcMethodTable methods)
    {
        var json = MethodsJson.Default;
        methods.Map("agents.list", OperatorScopes.Read, json.EmptyMethodParams, json.AgentsListResult,
            (_, _, _) => Task.FromResult(List(config.Current.Config)));
    }

    private static AgentsListResult List(OpenClawConfig snapshot)
    {
        var agents = ConfiguredAgents.Ordered(snapshot.Agents);

        // The config always names a default agent, so a caller never has to choose one.
        return new AgentsListResult(
            DefaultId: snapshot.Agents.DefaultAgentId,
            MainKey: snapshot.Session.MainKey,
            Scope: snapshot.Session.Scope,
            Ownership: agents.Count == 1 ? "sole" : "explicit",
            SelectionRequired: false,
            Agents: [.. agents.Select(ToEntry)]);
    }

    private static AgentListEntry ToEntry(AgentEntryConfig agent) => new(agent.Id)
    {
        Name = agent.Name,
        Identity = agent.Identity?.DeepClone().AsObject(),
        Workspace = agent.Workspace,
        Model = agent.Model is null ? null : new AgentModelSelection(agent.Model.Fallbacks) { Primary = agent.Model.Primary },
    };
}
