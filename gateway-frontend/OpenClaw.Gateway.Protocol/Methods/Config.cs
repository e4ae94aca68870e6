using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>config.get</c> result. Every document is redacted (secrets replaced by <c>__OPENCLAW_REDACTED__</c>).
/// <see cref="Raw"/> is <c>null</c> when the file does not exist, as upstream sends it.
/// </summary>
public sealed record ConfigGetResult(
    string Path,
    IReadOnlyList<string> IncludedPaths,
    bool Exists,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Raw,
    JsonObject Parsed,
    JsonObject SourceConfig,
    JsonObject Resolved,
    bool Valid,
    JsonObject RuntimeConfig,
    JsonObject Config,
    string Hash,
    IReadOnlyList<ConfigIssueEntry> Issues,
    IReadOnlyList<ConfigIssueEntry> Warnings,
    IReadOnlyList<ConfigIssueEntry> LegacyIssues,
    string ConfigRevisionHash,
    string AppliedConfigHash);

/// <summary>A problem with one dotted config path (empty for the whole file).</summary>
public sealed record ConfigIssueEntry(string Path, string Message);

/// <summary><c>config.schema</c> result: the JSON Schema of <c>openclaw.json</c>, UI hints and the gateway version.</summary>
public sealed record ConfigSchemaResult(JsonNode Schema, JsonObject UiHints, string Version);
