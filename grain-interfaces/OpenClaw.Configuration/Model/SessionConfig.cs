namespace OpenClaw.Configuration.Model;

/// <summary><c>session</c>: how chats map to session keys.</summary>
public sealed record SessionConfig
{
    /// <summary><c>per-sender</c> or <c>global</c>.</summary>
    public string Scope { get; init; } = "per-sender";

    /// <summary><c>main</c>, <c>per-peer</c>, <c>per-channel-peer</c> or <c>per-account-channel-peer</c>.</summary>
    public string DmScope { get; init; } = "main";

    /// <summary>The rest of the main session key: <c>agent:&lt;id&gt;:&lt;MainKey&gt;</c>.</summary>
    public string MainKey { get; init; } = "main";
}
