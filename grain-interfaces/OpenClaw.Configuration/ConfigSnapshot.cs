using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration;

/// <summary>One loaded state of the config file; what <c>config.get</c> reports.</summary>
/// <param name="Path">Absolute path of the main config file.</param>
/// <param name="Exists">False when the file is missing and defaults are in use.</param>
/// <param name="Raw">The file text as read (secrets included: redact before sending it anywhere), or null.</param>
/// <param name="Parsed">The document after <c>$include</c> and <c>${VAR}</c> resolution (secrets included; shared, treat as read-only).</param>
/// <param name="Config">The typed view.</param>
/// <param name="Hash"><c>sha256:</c> + hex of the raw text, or of the canonical parsed JSON when the file is missing.</param>
/// <param name="Issues">Errors that did not stop loading (empty for a snapshot that loaded).</param>
/// <param name="Warnings">Ignored sections, missing env vars, legacy migrations.</param>
/// <param name="IncludedPaths">Absolute paths of every file pulled in by <c>$include</c>.</param>
public sealed record ConfigSnapshot(
    string Path,
    bool Exists,
    string? Raw,
    JsonObject Parsed,
    OpenClawConfig Config,
    string Hash,
    IReadOnlyList<ConfigIssue> Issues,
    IReadOnlyList<ConfigIssue> Warnings,
    IReadOnlyList<string> IncludedPaths);
