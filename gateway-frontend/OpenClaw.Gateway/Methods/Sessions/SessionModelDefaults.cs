using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Methods.Agents;
using OpenClaw.Gateway.Methods.Models;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Methods.Sessions;

/// <summary>The model an agent's sessions use unless they override it, as <c>sessions.list</c> and <c>chat.history</c> report it.</summary>
internal static class SessionModelDefaults
{
    /// <summary>Defaults of the agent that owns a session; an agent missing from the config inherits agents.defaults.</summary>
    public static SessionListDefaults For(OpenClawConfig snapshot, string agentId) =>
        For(snapshot, snapshot.Agents.Entries.TryGetValue(agentId, out var agent) ? agent : new AgentEntryConfig { Id = agentId });

    public static SessionListDefaults For(OpenClawConfig snapshot, AgentEntryConfig agent)
    {
        var model = ModelReference.Parse(ConfiguredAgents.PrimaryModel(snapshot.Agents, agent));
        if (model is null)
        {
            return new SessionListDefaults();
        }

        var found = model.Find(snapshot.Models);
        return new SessionListDefaults
        {
            ModelProvider = model.Provider ?? found?.Provider.Id,
            Model = model.Model,
            ContextTokens = found?.Model.ContextWindow,
        };
    }
}
