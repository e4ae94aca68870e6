using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration.Binding;

/// <summary>Binds <c>logging</c> (file, level).</summary>
internal static class LoggingSectionBinder
{
    public static readonly IReadOnlyList<string> Levels = ["silent", "fatal", "error", "warn", "info", "debug", "trace"];

    public static LoggingConfig Bind(JsonObject? section, ConfigBindingContext context)
    {
        var defaults = new LoggingConfig();
        if (section is null)
        {
            return defaults;
        }
        return new LoggingConfig
        {
            File = context.String(section, "file", "logging.file", allowEmpty: false),
            Level = context.Enum(section, "level", "logging.level", Levels) ?? defaults.Level,
        };
    }
}
