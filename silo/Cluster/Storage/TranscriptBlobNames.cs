using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Silo.Cluster.Storage;

/// <summary>
/// Transcript blob names mirror OpenClaw's file layout under the state directory:
/// <c>agents/&lt;agentId&gt;/sessions/&lt;sessionId&gt;.jsonl</c>. Ids are checked with the file store's rules (agent ids
/// <c>[a-z0-9_-]</c>, session ids <c>[A-Za-z0-9_-]</c>), so no id can add a path level.
/// </summary>
internal static class TranscriptBlobNames
{
    public static string For(TranscriptRef transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        if (transcript.AgentId.Length is 0 or > 64
            || transcript.AgentId.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-')))
            throw new ArgumentException($"'{transcript.AgentId}' is not a valid agent id.", nameof(transcript));
        if (transcript.SessionId.Length is 0 or > 128 || transcript.SessionId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"'{transcript.SessionId}' is not a valid session id.", nameof(transcript));
        return $"agents/{transcript.AgentId}/sessions/{transcript.SessionId}.jsonl";
    }

    /// <summary>Where an archived transcript goes: <c>&lt;name&gt;.&lt;suffix&gt;.&lt;timestamp&gt;</c>, as the file store names it.</summary>
    public static string Archived(string blobName, string suffix, DateTimeOffset at)
    {
        if (suffix.Length == 0 || suffix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"'{suffix}' is not a valid archive suffix.", nameof(suffix));
        return $"{blobName}.{suffix}.{TranscriptJson.FormatTimestamp(at).Replace(':', '-')}";
    }
}
