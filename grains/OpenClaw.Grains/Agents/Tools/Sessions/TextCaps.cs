namespace OpenClaw.Grains.Agents.Tools.Sessions;

/// <summary>Cutting text that goes back to the model down to a budget, saying how much was cut.</summary>
internal static class TextCaps
{
    public static string? Cap(string? text, int maxChars) =>
        text is null || text.Length <= maxChars ? text : $"{text.AsSpan(0, maxChars)}… [{text.Length - maxChars} more chars]";
}
