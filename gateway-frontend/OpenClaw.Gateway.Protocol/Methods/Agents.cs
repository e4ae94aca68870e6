using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>agents.list</c> result. <see cref="Scope"/> is <c>session.scope</c>; <see cref="Ownership"/> is <c>sole</c> with one
/// agent and <c>explicit</c> with several.
/// </summary>
public sealed record AgentsListResult(
    string DefaultId,
    string MainKey,
    string Scope,
    string Ownership,
    bool SelectionRequired,
    IReadOnlyList<AgentListEntry> Agents);

public sealed record AgentListEntry(string Id)
{
    public string? Name { get; init; }

    /// <summary>The config's <c>identity</c> object (name, emoji, avatar...), passed through.</summary>
    public JsonObject? Identity { get; init; }
    public string? Workspace { get; init; }
    public AgentModelSelection? Model { get; init; }
}

public sealed record AgentModelSelection(IReadOnlyList<string> Fallbacks)
{
    public string? Primary { get; init; }
}
