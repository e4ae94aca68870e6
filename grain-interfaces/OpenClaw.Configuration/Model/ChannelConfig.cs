using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Model;

/// <summary>
/// <c>channels.&lt;id&gt;</c>. The gateway only reads channels for status, so the section is kept raw
/// (<see cref="Raw"/>) apart from the fields every channel shares. Treat the JSON objects as read-only.
/// </summary>
public sealed record ChannelConfig
{
    public required string Id { get; init; }
    public bool Enabled { get; init; } = true;
    public JsonObject Raw { get; init; } = new();

    /// <summary><c>accounts.&lt;accountId&gt;</c> objects, raw.</summary>
    public IReadOnlyDictionary<string, JsonObject> Accounts { get; init; } =
        ImmutableDictionary<string, JsonObject>.Empty;
    public string? DefaultAccount { get; init; }
}
