using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Grains.Agents.Tools.Policy;

/// <summary>
/// Which tools an agent may use: the top-level <c>tools.allow/deny</c> layer, then the agent's own
/// <c>agents.entries.&lt;id&gt;.tools</c> layer. A tool must pass every layer, so a deny anywhere wins and an agent's
/// allow list can only narrow the global one.
/// </summary>
public sealed class ToolPolicy(IReadOnlyList<ToolPolicyLayer> layers)
{
    /// <summary>
    /// Tools <c>POST /tools/invoke</c> refuses unless <c>gateway.tools.allow</c> names them: OpenClaw's default HTTP
    /// deny list, plus <c>write</c> and <c>edit</c>, our names for what OpenClaw calls <c>fs_write</c>.
    /// </summary>
    public static ImmutableArray<string> DefaultHttpDeny { get; } =
    [
        "exec", "spawn", "shell", "fs_write", "fs_delete", "fs_move", "apply_patch", "sessions_spawn", "sessions_send",
        "cron", "gateway", "nodes", ToolNames.Write, ToolNames.Edit,
    ];

    public static ToolPolicy AllowAll { get; } = new([]);

    public bool Allows(string toolName) => layers.All(layer => layer.Allows(toolName));

    /// <summary>The policy for <paramref name="agentId"/> in <paramref name="snapshot"/>.</summary>
    public static ToolPolicy For(ConfigSnapshot snapshot, string agentId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var layers = new List<ToolPolicyLayer> { GlobalLayer(snapshot.Parsed) };
        if (snapshot.Config.Agents.Entries.TryGetValue(agentId, out var entry) && entry.Tools is { } tools)
            layers.Add(new ToolPolicyLayer(tools.Allow, tools.Deny));
        return new ToolPolicy(layers);
    }

    /// <summary>
    /// Whether <c>/tools/invoke</c> may run <paramref name="toolName"/>: the default HTTP deny list minus
    /// <c>gateway.tools.allow</c>, plus <c>gateway.tools.deny</c> (the agent's policy applies on top of this).
    /// </summary>
    public static bool AllowsOverHttp(string toolName, ToolPolicyConfig? gatewayTools)
    {
        var allow = new ToolPolicyLayer(gatewayTools?.Allow ?? [], []);
        var explicitlyAllowed = gatewayTools is { Allow.Count: > 0 } && allow.Allows(toolName);
        var defaultDenied = new ToolPolicyLayer([], DefaultHttpDeny).Allows(toolName) is false;
        var denied = new ToolPolicyLayer([], gatewayTools?.Deny ?? []).Allows(toolName) is false;
        return !denied && (!defaultDenied || explicitlyAllowed);
    }

    /// <summary>Top-level <c>tools</c> is not in the typed model yet, so it is read from the parsed document.</summary>
    private static ToolPolicyLayer GlobalLayer(JsonObject parsed) =>
        parsed["tools"] is JsonObject tools ? new ToolPolicyLayer(Strings(tools["allow"]), Strings(tools["deny"])) : ToolPolicyLayer.Empty;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array
            ? array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList()
            : [];
}
