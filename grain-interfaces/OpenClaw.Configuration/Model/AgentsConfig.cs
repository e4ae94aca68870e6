using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Model;

/// <summary><c>agents</c>: defaults plus the keyed agent roster.</summary>
public sealed record AgentsConfig
{
    public const string MainAgentId = "main";

    public AgentDefaultsConfig Defaults { get; init; } = new();

    /// <summary>Agents keyed by id; always holds at least <c>main</c> when none is configured.</summary>
    public IReadOnlyDictionary<string, AgentEntryConfig> Entries { get; init; } =
        ImmutableDictionary<string, AgentEntryConfig>.Empty.Add(MainAgentId, new AgentEntryConfig { Id = MainAgentId });

    /// <summary>The entry with <c>default: true</c>, else <c>main</c> if present, else the first entry.</summary>
    public string DefaultAgentId { get; init; } = MainAgentId;
}

/// <summary><c>agents.defaults</c>: values every agent inherits unless its entry overrides them.</summary>
public sealed record AgentDefaultsConfig
{
    public string? Workspace { get; init; }
    public ModelSelectionConfig? Model { get; init; }
    public string? Thinking { get; init; }
    public int? MaxConcurrent { get; init; }
    public int? TimeoutSeconds { get; init; }
}

/// <summary>One <c>agents.entries.&lt;id&gt;</c> entry.</summary>
public sealed record AgentEntryConfig
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Workspace { get; init; }
    public ModelSelectionConfig? Model { get; init; }
    public bool Default { get; init; }

    /// <summary>The raw <c>identity</c> object (name, emoji, avatar...), passed through to clients. Treat as read-only.</summary>
    public JsonObject? Identity { get; init; }
    public ToolPolicyConfig? Tools { get; init; }
}

/// <summary>A model choice: <c>"provider/model"</c> or <c>{ primary, fallbacks[] }</c>.</summary>
public sealed record ModelSelectionConfig
{
    public string? Primary { get; init; }
    public IReadOnlyList<string> Fallbacks { get; init; } = ImmutableArray<string>.Empty;
}

/// <summary><c>tools { allow, deny }</c>: tool names or groups allowed or denied.</summary>
public sealed record ToolPolicyConfig
{
    public IReadOnlyList<string> Allow { get; init; } = ImmutableArray<string>.Empty;
    public IReadOnlyList<string> Deny { get; init; } = ImmutableArray<string>.Empty;
}
