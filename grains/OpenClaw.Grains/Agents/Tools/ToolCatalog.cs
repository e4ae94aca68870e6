using System.Collections.Frozen;
using OpenClaw.Configuration;
using OpenClaw.Grains.Agents.Tools.Policy;

namespace OpenClaw.Grains.Agents.Tools;

/// <summary>
/// Every registered tool, filtered per agent by <see cref="ToolPolicy"/>. The policy is built from
/// <see cref="IOpenClawConfigSource.Current"/> on each call, so a config reload applies to the next model turn.
/// </summary>
public sealed class ToolCatalog : IToolCatalog
{
    private readonly IOpenClawConfigSource _config;
    private readonly FrozenDictionary<string, IAgentTool> _byName;

    public ToolCatalog(IEnumerable<IAgentTool> tools, IOpenClawConfigSource config)
    {
        _config = config;
        var list = tools.ToList();
        var duplicate = list.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two tools are registered under the name '{duplicate.Key}'; tool names must be unique.");
        All = list;
        _byName = list.ToFrozenDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every registered tool, before any policy.</summary>
    public IReadOnlyList<IAgentTool> All { get; }

    public IReadOnlyList<IAgentTool> ToolsFor(string agentId)
    {
        var policy = ToolPolicy.For(_config.Current, agentId);
        return [.. All.Where(t => policy.Allows(t.Name))];
    }

    /// <summary>The tool named <paramref name="toolName"/> if <paramref name="agentId"/> may use it, else null.</summary>
    public IAgentTool? Find(string agentId, string toolName) =>
        _byName.TryGetValue(toolName, out var tool) && ToolPolicy.For(_config.Current, agentId).Allows(tool.Name) ? tool : null;
}
