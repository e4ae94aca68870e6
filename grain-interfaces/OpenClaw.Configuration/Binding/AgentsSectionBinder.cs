using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration.Binding;

/// <summary>
/// Binds <c>agents</c>: defaults and the keyed <c>entries</c> map. The legacy <c>agents.list</c> array is migrated
/// into entries (by <c>id</c>, entries win on conflict) with a warning. With no agents configured, <c>main</c> exists.
/// </summary>
internal static partial class AgentsSectionBinder
{
    public static AgentsConfig Bind(JsonObject? section, ConfigBindingContext context)
    {
        if (section is null)
        {
            return new AgentsConfig();
        }
        var entries = new List<AgentEntryConfig>();
        if (context.Object(section, "entries", "agents.entries") is { } entriesNode)
        {
            foreach (var (id, _) in entriesNode)
            {
                var path = $"agents.entries.{id}";
                if (!AgentIdPattern().IsMatch(id))
                {
                    context.ErrorAtKey(entriesNode, id, path, "agent id must match ^[a-z0-9_][a-z0-9_-]{0,63}$");
                    continue;
                }
                if (context.Object(entriesNode, id, path) is { } entry)
                {
                    entries.Add(BindEntry(id, entry, path, context));
                }
            }
        }
        MigrateLegacyList(section, entries, context);
        if (entries.Count == 0)
        {
            entries.Add(new AgentEntryConfig { Id = AgentsConfig.MainAgentId });
        }
        return new AgentsConfig
        {
            Defaults = BindDefaults(context.Object(section, "defaults", "agents.defaults"), context),
            Entries = entries.ToDictionary(e => e.Id, StringComparer.Ordinal),
            DefaultAgentId = ChooseDefault(entries, context),
        };
    }

    private static AgentDefaultsConfig BindDefaults(JsonObject? defaults, ConfigBindingContext context)
    {
        if (defaults is null)
        {
            return new AgentDefaultsConfig();
        }
        return new AgentDefaultsConfig
        {
            Workspace = context.String(defaults, "workspace", "agents.defaults.workspace", allowEmpty: false),
            Model = ModelSelectionBinder.BindModel(defaults, "model", "agents.defaults.model", context),
            Thinking = context.String(defaults, "thinking", "agents.defaults.thinking", allowEmpty: false),
            MaxConcurrent = context.Int(defaults, "maxConcurrent", "agents.defaults.maxConcurrent", 1),
            TimeoutSeconds = context.Int(defaults, "timeoutSeconds", "agents.defaults.timeoutSeconds", 1),
        };
    }

    private static AgentEntryConfig BindEntry(string id, JsonObject entry, string path, ConfigBindingContext context) =>
        new()
        {
            Id = id,
            Name = context.String(entry, "name", $"{path}.name"),
            Workspace = context.String(entry, "workspace", $"{path}.workspace", allowEmpty: false),
            Model = ModelSelectionBinder.BindModel(entry, "model", $"{path}.model", context),
            Default = context.Bool(entry, "default", $"{path}.default") ?? false,
            Identity = context.Object(entry, "identity", $"{path}.identity")?.DeepClone().AsObject(),
            Tools = ModelSelectionBinder.BindTools(entry, $"{path}.tools", context),
        };

    private static void MigrateLegacyList(JsonObject section, List<AgentEntryConfig> entries, ConfigBindingContext context)
    {
        var list = context.Array(section, "list", "agents.list");
        if (list is null)
        {
            return;
        }
        context.Warn("agents.list", "legacy array migrated to agents.entries (keyed by id); run `openclaw doctor --fix` to rewrite the file");
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"agents.list[{i}]";
            if (list[i] is not JsonObject item)
            {
                context.ErrorAt(list[i] ?? list, path, $"expected an object, got {Loading.JsonNodes.TypeName(list[i])}");
                continue;
            }
            var id = context.String(item, "id", $"{path}.id", allowEmpty: false)?.Trim().ToLowerInvariant();
            if (id is null)
            {
                if (!item.ContainsKey("id"))
                {
                    context.ErrorAt(item, $"{path}.id", "required");
                }
                continue;
            }
            if (!AgentIdPattern().IsMatch(id))
            {
                context.Error(item, "id", $"{path}.id", "agent id must match ^[a-z0-9_][a-z0-9_-]{0,63}$");
                continue;
            }
            if (entries.Any(e => e.Id == id))
            {
                context.Warn($"{path}.id", $"agent '{id}' is also in agents.entries; the entries version is used");
                continue;
            }
            entries.Add(BindEntry(id, item, path, context));
        }
    }

    private static string ChooseDefault(List<AgentEntryConfig> entries, ConfigBindingContext context)
    {
        var marked = entries.Where(e => e.Default).ToList();
        if (marked.Count > 1)
        {
            context.Warn("agents.entries", $"several agents have default: true ({string.Join(", ", marked.Select(e => e.Id))}); using '{marked[0].Id}'");
        }
        if (marked.Count > 0)
        {
            return marked[0].Id;
        }
        return entries.Any(e => e.Id == AgentsConfig.MainAgentId) ? AgentsConfig.MainAgentId : entries[0].Id;
    }

    [GeneratedRegex("^[a-z0-9_][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex AgentIdPattern();
}
