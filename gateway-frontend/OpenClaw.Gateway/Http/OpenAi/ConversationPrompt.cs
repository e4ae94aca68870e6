namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>Who said one turn of a client-sent conversation.</summary>
internal enum ConversationRole
{
    User,
    Assistant,
    Tool,
}

/// <summary>One non-empty turn of a client-sent conversation; <see cref="Sender"/> is how the prompt names it.</summary>
internal sealed record ConversationTurn(ConversationRole Role, string Sender, string Body)
{
    public static ConversationTurn User(string body) => new(ConversationRole.User, "User", body);

    public static ConversationTurn Assistant(string body) => new(ConversationRole.Assistant, "Assistant", body);

    public static ConversationTurn Tool(string? name, string body) =>
        new(ConversationRole.Tool, string.IsNullOrWhiteSpace(name) ? "Tool" : $"Tool:{name.Trim()}", body);
}

/// <summary>
/// The agent message built from a whole client-sent conversation, as openclaw's gateway builds it for the
/// OpenAI-compatible routes (<c>agent-prompt.ts</c>): the last user or tool turn is the current message; the turns
/// before it, when there are any, come first as a marked context block of <c>Sender: text</c> lines. Turns after the
/// current one (a trailing assistant turn) are left out. The session's own transcript is not replaced: clients that
/// resend their whole history get it as context, clients that send one message get just that message.
/// </summary>
internal static class ConversationPrompt
{
    public const string HistoryMarker = "[Chat messages since your last reply - for context]";
    public const string CurrentMarker = "[Current message - respond to this]";
    public const string ImageOnlyMessage = "User sent image(s) with no text.";

    /// <returns>The message, or "" when there are no turns.</returns>
    public static string Build(IReadOnlyList<ConversationTurn> turns)
    {
        if (turns.Count == 0) return "";
        var current = CurrentIndex(turns);
        if (current == 0) return turns[0].Body;

        var lines = new List<string>(current + 4) { HistoryMarker };
        for (var i = 0; i < current; i++) lines.Add(Line(turns[i]));
        lines.Add("");
        lines.Add(CurrentMarker);
        lines.Add(Line(turns[current]));
        return string.Join('\n', lines);
    }

    /// <summary>The last user or tool turn, so the agent answers the newest input rather than its own last reply.</summary>
    private static int CurrentIndex(IReadOnlyList<ConversationTurn> turns)
    {
        for (var i = turns.Count - 1; i >= 0; i--)
        {
            if (turns[i].Role is ConversationRole.User or ConversationRole.Tool) return i;
        }

        return turns.Count - 1;
    }

    private static string Line(ConversationTurn turn) => $"{turn.Sender}: {turn.Body}";
}
