using System.Text.Json.Nodes;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Methods.Config;

/// <summary>
/// Builds the redacted <c>config.get</c> result from a snapshot. Upstream distinguishes the file as parsed, after
/// includes, and with runtime defaults applied; this gateway resolves <c>$include</c> and <c>${VAR}</c> while
/// loading and keeps defaults in the typed model, so every document view is the resolved document. The hashes are the
/// snapshot's, since every snapshot that loaded is also the one applied.
/// </summary>
internal static class ConfigGetResponse
{
    public static ConfigGetResult From(ConfigSnapshot snapshot)
    {
        var redacted = (JsonObject)ConfigRedactor.Redact(snapshot.Parsed);
        return new ConfigGetResult(
            Path: snapshot.Path,
            IncludedPaths: snapshot.IncludedPaths,
            Exists: snapshot.Exists,
            Raw: snapshot.Raw is null ? null : ConfigRedactor.RedactRaw(snapshot.Raw, snapshot.Parsed),
            Parsed: redacted,
            SourceConfig: Copy(redacted),
            Resolved: Copy(redacted),
            Valid: snapshot.Issues.Count == 0,
            RuntimeConfig: Copy(redacted),
            Config: Copy(redacted),
            Hash: snapshot.Hash,
            Issues: ToEntries(snapshot.Issues),
            Warnings: ToEntries(snapshot.Warnings),
            LegacyIssues: [],
            ConfigRevisionHash: snapshot.Hash,
            AppliedConfigHash: snapshot.Hash);
    }

    // A JsonNode can have one parent only, so each property of the result needs its own tree.
    private static JsonObject Copy(JsonObject node) => (JsonObject)node.DeepClone();

    private static IReadOnlyList<ConfigIssueEntry> ToEntries(IReadOnlyList<ConfigIssue> issues) =>
        [.. issues.Select(issue => new ConfigIssueEntry(issue.Path, issue.Message))];
}
