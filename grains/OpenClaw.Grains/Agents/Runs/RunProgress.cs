using System.Text;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>What a run has produced so far; read when it ends early (abort, timeout, error) to keep the partial reply.</summary>
internal sealed class RunProgress
{
    public string? Provider { get; set; }
    public string? Model { get; set; }
    public UsageInfo? Usage { get; set; }
    public long? ContextTokens { get; set; }
    public IReadOnlyList<string> FailedAttempts { get; set; } = [];

    /// <summary>Assistant text of the model turn in progress.</summary>
    public StringBuilder TurnText { get; } = new();

    public void AddUsage(UsageInfo? usage)
    {
        if (usage is not null) Usage = Usage is null ? usage : Usage + usage;
    }

    /// <summary>The unfinished assistant message, or null when the current turn produced no text.</summary>
    public ChatMessage? PartialMessage(long now, string stopReason, string? errorMessage = null) =>
        TurnText.Length == 0 && errorMessage is null
            ? null
            : new ChatMessage
            {
                Role = ChatRoles.Assistant,
                Content = TurnText.Length == 0 ? [] : [new TextPart(TurnText.ToString())],
                Provider = Provider,
                Model = Model,
                StopReason = stopReason,
                ErrorMessage = errorMessage,
                Timestamp = now,
            };
}
