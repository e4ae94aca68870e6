namespace OpenClaw.Grains.Agents.Models;

/// <summary>OpenClaw's thinking levels (<c>off, minimal, low, medium, high, xhigh</c>) and what they become per provider.</summary>
public static class ThinkingLevels
{
    public const string Off = "off";
    public const string Minimal = "minimal";
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
    public const string ExtraHigh = "xhigh";

    /// <summary>The level in lower case, or null when thinking is off, unset or unknown.</summary>
    public static string? Enabled(string? level)
    {
        var normalized = level?.Trim().ToLowerInvariant();
        return normalized is Minimal or Low or Medium or High or ExtraHigh ? normalized : null;
    }

    /// <summary>Anthropic <c>thinking.budget_tokens</c> for a level (1024 is the API's minimum).</summary>
    public static long? AnthropicBudget(string? level) => Enabled(level) switch
    {
        Minimal => 1024,
        Low => 2048,
        Medium => 8192,
        High => 16384,
        ExtraHigh => 32768,
        _ => null,
    };
}
