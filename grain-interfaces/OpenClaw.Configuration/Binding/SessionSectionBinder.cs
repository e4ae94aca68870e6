using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration.Binding;

/// <summary>Binds <c>session</c> (scope, dmScope, mainKey); reset/maintenance settings are not read yet.</summary>
internal static class SessionSectionBinder
{
    public static readonly IReadOnlyList<string> Scopes = ["per-sender", "global"];
    public static readonly IReadOnlyList<string> DmScopes = ["main", "per-peer", "per-channel-peer", "per-account-channel-peer"];

    public static SessionConfig Bind(JsonObject? section, ConfigBindingContext context)
    {
        var defaults = new SessionConfig();
        if (section is null)
        {
            return defaults;
        }
        return new SessionConfig
        {
            Scope = context.Enum(section, "scope", "session.scope", Scopes) ?? defaults.Scope,
            DmScope = context.Enum(section, "dmScope", "session.dmScope", DmScopes) ?? defaults.DmScope,
            MainKey = context.String(section, "mainKey", "session.mainKey", allowEmpty: false)?.Trim().ToLowerInvariant() ?? defaults.MainKey,
        };
    }
}
