using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration.Binding;

/// <summary>Binds a model choice: <c>"provider/model"</c> or <c>{ primary, fallbacks[] }</c>; and tool policies.</summary>
internal static class ModelSelectionBinder
{
    public static ModelSelectionConfig? BindModel(JsonObject parent, string key, string path, ConfigBindingContext context)
    {
        if (!parent.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.TryGetValue<string>(out var primary))
        {
            return new ModelSelectionConfig { Primary = primary };
        }
        if (node is not JsonObject model)
        {
            context.Error(parent, key, path, $"expected a model id string or an object {{ primary, fallbacks }}, got {Loading.JsonNodes.TypeName(node)}");
            return null;
        }
        return new ModelSelectionConfig
        {
            Primary = context.String(model, "primary", $"{path}.primary", allowEmpty: false),
            Fallbacks = context.StringList(model, "fallbacks", $"{path}.fallbacks") ?? [],
        };
    }

    public static ToolPolicyConfig? BindTools(JsonObject parent, string path, ConfigBindingContext context)
    {
        var tools = context.Object(parent, "tools", path);
        if (tools is null)
        {
            return null;
        }
        return new ToolPolicyConfig
        {
            Allow = context.StringList(tools, "allow", $"{path}.allow") ?? [],
            Deny = context.StringList(tools, "deny", $"{path}.deny") ?? [],
        };
    }
}
