namespace OpenClaw.Gateway.Methods.Agent;

/// <summary>
/// A session reset typed as a message (<c>/new</c> or <c>/reset</c>, openclaw's default <c>resetTriggers</c>), with
/// the text after it, if any, to run in the fresh session. Such an <c>agent</c> call needs admin (spec §3).
/// </summary>
internal sealed record ResetCommand(string Reason, string Rest)
{
    public static ResetCommand? Parse(string message)
    {
        var trimmed = message.TrimStart();
        foreach (var (trigger, reason) in Triggers)
        {
            if (trimmed.StartsWith(trigger, StringComparison.OrdinalIgnoreCase)
                && (trimmed.Length == trigger.Length || char.IsWhiteSpace(trimmed[trigger.Length])))
            {
                return new ResetCommand(reason, trimmed[trigger.Length..].Trim());
            }
        }

        return null;
    }

    private static readonly (string Trigger, string Reason)[] Triggers = [("/new", "new"), ("/reset", "reset")];
}
