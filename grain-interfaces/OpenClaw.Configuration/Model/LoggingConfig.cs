namespace OpenClaw.Configuration.Model;

/// <summary><c>logging</c>.</summary>
public sealed record LoggingConfig
{
    /// <summary>Log file path; null means the default under the state dir's <c>logs/</c>.</summary>
    public string? File { get; init; }

    /// <summary><c>silent</c>, <c>fatal</c>, <c>error</c>, <c>warn</c>, <c>info</c>, <c>debug</c> or <c>trace</c>.</summary>
    public string Level { get; init; } = "info";
}
