using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>What a session grain tells a run it starts (in process; never serialized).</summary>
public sealed record RunRequest
{
    public required string RunId { get; init; }
    public required string SessionKey { get; init; }
    public required string AgentId { get; init; }
    public required TranscriptRef Transcript { get; init; }
    /// <summary>
    /// The model context at the start (from the session's in-memory copy of the transcript, which holds the inputs of
    /// this run): the run builds on it instead of reading the transcript again. Owned by the run (a fresh list).
    /// </summary>
    public required List<ChatMessage> Context { get; init; }
    public required string Workspace { get; init; }
    /// <summary>Null when no model is configured: the run then fails with a message saying what to configure.</summary>
    public ModelChain? Chain { get; init; }
    public string? Thinking { get; init; }
    public string? ExtraSystemPrompt { get; init; }
    /// <summary>Tools of the HTTP client that sent the input (<see cref="Tools.ClientTools"/>); null for other origins.</summary>
    public ClientToolSet? ClientTools { get; init; }
    /// <summary>The channel the input came in on (e.g. <c>webchat</c>), when the sender named one.</summary>
    public string? MessageChannel { get; init; }
    public required TimeSpan Timeout { get; init; }
    public required long StartedAt { get; init; }
    public required IGrainFactory Grains { get; init; }
}

/// <summary>Fixed limits of the run loop.</summary>
public static class RunLimits
{
    /// <summary>Model calls per run; the run ends after this many even if the model still asks for tools.</summary>
    public const int MaxModelTurns = 25;

    /// <summary>Used when neither the send nor <c>agents.defaults.timeoutSeconds</c> sets one.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(600);

    /// <summary>The stop reason of a run cut off by <see cref="MaxModelTurns"/>.</summary>
    public const string MaxTurnsStopReason = "max_turns";
}
