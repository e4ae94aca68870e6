using OpenAI.Chat;
// Reasoning effort is marked "evaluation only" in SDK 2.15, but it is the only way to send reasoning_effort.
#pragma warning disable OPENAI001
using OpenClaw.GrainInterfaces.Messages;
using SdkMessage = OpenAI.Chat.ChatMessage;
using TranscriptMessage = OpenClaw.GrainInterfaces.Messages.ChatMessage;

namespace OpenClaw.Grains.Agents.Models.OpenAi;

/// <summary>Transcript messages and tools → the OpenAI SDK's chat messages and options.</summary>
internal static class OpenAiMessageMapper
{
    public static List<SdkMessage> ToMessages(ModelRequest request)
    {
        var messages = new List<SdkMessage>(request.Messages.Count + 1);
        if (!string.IsNullOrEmpty(request.SystemPrompt))
            messages.Add(new SystemChatMessage(request.SystemPrompt));
        foreach (var message in request.Messages)
        {
            if (ToMessage(message) is { } mapped)
                messages.Add(mapped);
        }
        return messages;
    }

    public static ChatCompletionOptions ToOptions(ModelRequest request)
    {
        var options = new ChatCompletionOptions();
        foreach (var tool in request.Tools)
            options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.ParametersSchema.ToJsonString())));
        if (request.Tools.Count > 0 && ToolChoice(request.ToolChoice) is { } choice)
            options.ToolChoice = choice;
        if (request.MaxTokens is { } maxTokens)
            options.MaxOutputTokenCount = maxTokens;
        if (ReasoningEffort(request.Thinking) is { } effort)
            options.ReasoningEffortLevel = effort;
        return options;
    }

    private static ChatToolChoice? ToolChoice(ClientToolChoice? choice) => choice?.Mode switch
    {
        ClientToolChoice.Auto => ChatToolChoice.CreateAutoChoice(),
        ClientToolChoice.Required => ChatToolChoice.CreateRequiredChoice(),
        ClientToolChoice.Function when choice.Name is { } name => ChatToolChoice.CreateFunctionChoice(name),
        _ => null,
    };

    private static SdkMessage? ToMessage(TranscriptMessage message) => message.Role switch
    {
        ChatRoles.User => new UserChatMessage(UserParts(message)),
        ChatRoles.Assistant => Assistant(message),
        ChatRoles.ToolResult => new ToolChatMessage(message.ToolCallId ?? "", message.Text()),
        _ => null,
    };

    private static IEnumerable<ChatMessageContentPart> UserParts(TranscriptMessage message)
    {
        foreach (var part in message.Content)
        {
            switch (part)
            {
                case TextPart text:
                    yield return ChatMessageContentPart.CreateTextPart(text.Text);
                    break;
                case ImagePart image:
                    yield return ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(Convert.FromBase64String(image.Data)), image.MimeType);
                    break;
            }
        }
    }

    /// <summary>Text and tool calls; thinking is not sent back (the completions API has no field for it).</summary>
    private static AssistantChatMessage? Assistant(TranscriptMessage message)
    {
        var toolCalls = message.Content.OfType<ToolCallPart>()
            .Select(call => ChatToolCall.CreateFunctionToolCall(call.Id, call.Name, BinaryData.FromString(call.Arguments.ToJsonString())))
            .ToList();
        var text = message.Text();
        if (toolCalls.Count == 0)
            return text.Length == 0 ? null : new AssistantChatMessage(text);
        var assistant = new AssistantChatMessage(toolCalls);
        if (text.Length > 0)
            assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
        return assistant;
    }

    private static ChatReasoningEffortLevel? ReasoningEffort(string? thinking) => ThinkingLevels.Enabled(thinking) switch
    {
        ThinkingLevels.Minimal => ChatReasoningEffortLevel.Minimal,
        ThinkingLevels.Low => ChatReasoningEffortLevel.Low,
        ThinkingLevels.Medium => ChatReasoningEffortLevel.Medium,
        ThinkingLevels.High => ChatReasoningEffortLevel.High,
        ThinkingLevels.ExtraHigh => ChatReasoningEffortLevel.ExtraHigh,
        // Not a null literal: the SDK's implicit string conversion would turn it into new Level(null) and throw.
        _ => default(ChatReasoningEffortLevel?),
    };
}
