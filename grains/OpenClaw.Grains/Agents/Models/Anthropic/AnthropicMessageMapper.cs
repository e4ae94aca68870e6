using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic.Models.Messages;
using OpenClaw.Configuration.Model;
using OpenClaw.GrainInterfaces.Messages;
using TranscriptMessage = OpenClaw.GrainInterfaces.Messages.ChatMessage;

namespace OpenClaw.Grains.Agents.Models.Anthropic;

/// <summary>Transcript messages, tools and thinking level → the Anthropic SDK's <see cref="MessageCreateParams"/>.</summary>
internal static class AnthropicMessageMapper
{
    public static MessageCreateParams ToParams(ModelRequest request, ModelProviderConfig provider)
    {
        var budget = ThinkingLevels.AnthropicBudget(request.Thinking);
        long maxTokens = request.MaxTokens ?? ProviderDefaults.ModelOf(provider, request.Model)?.MaxTokens ?? ProviderDefaults.AnthropicMaxTokens;
        // The API rejects a thinking budget that is not below max_tokens: keep room for the answer itself.
        if (budget is { } thinkingBudget && maxTokens <= thinkingBudget)
            maxTokens = thinkingBudget + ProviderDefaults.AnthropicMaxTokens;

        var parameters = new MessageCreateParams
        {
            Model = request.Model,
            MaxTokens = maxTokens,
            Messages = ToMessages(request.Messages),
        };
        if (!string.IsNullOrEmpty(request.SystemPrompt))
            parameters = parameters with { System = request.SystemPrompt };
        if (request.Tools.Count > 0)
            parameters = parameters with { Tools = request.Tools.Select(ToTool).ToList() };
        if (request.Tools.Count > 0 && ToToolChoice(request.ToolChoice) is { } toolChoice)
            parameters = parameters with { ToolChoice = toolChoice };
        if (budget is { } enabled)
            parameters = parameters with { Thinking = new ThinkingConfigEnabled(enabled) };
        return parameters;
    }

    /// <summary>
    /// Tool results travel in user turns. Consecutive user-side messages (several tool results, or a tool result and
    /// the user's next line) are merged into one turn, because the API expects user and assistant to alternate.
    /// </summary>
    private static List<MessageParam> ToMessages(IReadOnlyList<TranscriptMessage> messages)
    {
        var turns = new List<(bool IsUser, List<ContentBlockParam> Blocks)>();
        foreach (var message in messages)
        {
            var isUser = message.Role is ChatRoles.User or ChatRoles.ToolResult;
            if (message.Role is not (ChatRoles.User or ChatRoles.ToolResult or ChatRoles.Assistant))
                continue;
            var blocks = ToBlocks(message).ToList();
            if (blocks.Count == 0)
                continue;
            if (turns.Count > 0 && turns[^1].IsUser == isUser)
                turns[^1].Blocks.AddRange(blocks);
            else
                turns.Add((isUser, blocks));
        }
        return turns.Select(turn => turn.IsUser
            ? (MessageParam)new UserMessageParam(turn.Blocks)
            : new AssistantMessageParam(turn.Blocks)).ToList();
    }

    private static IEnumerable<ContentBlockParam> ToBlocks(TranscriptMessage message)
    {
        if (message.Role == ChatRoles.ToolResult)
        {
            yield return new ToolResultBlockParam(message.ToolCallId ?? "")
            {
                Content = message.Text(),
                IsError = message.IsError == true ? true : null,
            };
            yield break;
        }

        foreach (var part in message.Content)
        {
            switch (part)
            {
                // The API rejects empty text blocks.
                case TextPart { Text.Length: > 0 } text:
                    yield return new TextBlockParam(text.Text);
                    break;
                case ImagePart image when message.Role == ChatRoles.User:
                    yield return new ImageBlockParam(new Base64ImageSource { Data = image.Data, MediaType = image.MimeType });
                    break;
                case ToolCallPart call when message.Role == ChatRoles.Assistant:
                    yield return new ToolUseBlockParam { ID = call.Id, Name = call.Name, Input = ToDictionary(call.Arguments) };
                    break;
                // Thinking is not replayed: the API only accepts it back with the signature we do not keep.
            }
        }
    }

    /// <summary><c>required</c> is Anthropic's <c>any</c>; a named function is <c>tool</c>.</summary>
    private static ToolChoice? ToToolChoice(ClientToolChoice? choice) => choice?.Mode switch
    {
        ClientToolChoice.Auto => new ToolChoiceAuto(),
        ClientToolChoice.Required => new ToolChoiceAny(),
        ClientToolChoice.Function when choice.Name is { } name => new ToolChoiceTool { Name = name },
        _ => null,
    };

    private static ToolUnion ToTool(ToolDefinition tool) => new Tool
    {
        Name = tool.Name,
        Description = tool.Description,
        InputSchema = new InputSchema(ToDictionary(tool.ParametersSchema)),
    };

    private static Dictionary<string, JsonElement> ToDictionary(JsonObject json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json.ToJsonString()) ?? [];
}
