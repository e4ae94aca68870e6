namespace OpenClaw.Grains.Agents.Models;

/// <summary>The values of <c>models.providers.&lt;id&gt;.api</c> this gateway can speak.</summary>
public static class ModelApis
{
    public const string OpenAiCompletions = "openai-completions";
    public const string AnthropicMessages = "anthropic-messages";

    public static readonly IReadOnlyList<string> Supported = [OpenAiCompletions, AnthropicMessages];
}
