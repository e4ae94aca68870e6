using System.Collections.Immutable;

namespace OpenClaw.Configuration.Model;

/// <summary>
/// The typed view of <c>openclaw.json</c> for the sections this gateway implements. Every section is present
/// (defaults when the file omits it), so callers never null-check a section.
/// </summary>
public sealed record OpenClawConfig
{
    /// <summary>The configuration used when no file exists.</summary>
    public static OpenClawConfig Default { get; } = new();

    public GatewayConfig Gateway { get; init; } = new();
    public AgentsConfig Agents { get; init; } = new();
    public ModelsConfig Models { get; init; } = new();
    public SessionConfig Session { get; init; } = new();
    public LoggingConfig Logging { get; init; } = new();

    /// <summary>Channel sections keyed by channel id (<c>telegram</c>, <c>discord</c>...). Read for status only.</summary>
    public IReadOnlyDictionary<string, ChannelConfig> Channels { get; init; } =
        ImmutableDictionary<string, ChannelConfig>.Empty;
}
