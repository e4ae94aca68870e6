using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration.Binding;

/// <summary>Checks the top-level keys and binds the implemented sections into <see cref="OpenClawConfig"/>.</summary>
internal static class OpenClawConfigBinder
{
    public static OpenClawConfig Bind(JsonObject root, ConfigBindingContext context)
    {
        foreach (var (key, _) in root)
        {
            if (!TopLevelSections.All.Contains(key, StringComparer.Ordinal))
            {
                context.ErrorAtKey(root, key, key, "unknown top-level key (not part of the OpenClaw config schema)");
            }
            else if (!TopLevelSections.Implemented.Contains(key, StringComparer.Ordinal))
            {
                context.Warn(key, $"{key}: not implemented by this gateway yet; ignored");
            }
        }
        context.String(root, "$schema", "$schema");
        context.Object(root, "meta", "meta");
        context.Object(root, "env", "env");
        return new OpenClawConfig
        {
            Gateway = GatewaySectionBinder.Bind(context.Object(root, "gateway", "gateway"), context),
            Agents = AgentsSectionBinder.Bind(context.Object(root, "agents", "agents"), context),
            Models = ModelsSectionBinder.Bind(context.Object(root, "models", "models"), context),
            Session = SessionSectionBinder.Bind(context.Object(root, "session", "session"), context),
            Logging = LoggingSectionBinder.Bind(context.Object(root, "logging", "logging"), context),
            Channels = ChannelsSectionBinder.Bind(context.Object(root, "channels", "channels"), context),
        };
    }
}
