using System.Text.Json;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>
/// What an OpenAI <c>messages</c> array asks of the agent, as openclaw's <c>openai-http.ts</c> reads it: system and
/// developer messages become extra system prompt; user, assistant and tool (<c>function</c>) messages become the
/// conversation of <see cref="ConversationPrompt"/> (earlier turns as context, the last user or tool turn as the
/// current message). Text parts of array content are joined by newlines and parts of other types are skipped; only the
/// current user message's images are sent (at most <see cref="DataUrlImage.MaxImages"/>), older turns' images are not
/// replayed. An image-only current message gets a placeholder text. A <c>tool</c> message without a <c>name</c> is
/// named after the function of the assistant <c>tool_calls</c> entry its <c>tool_call_id</c> answers.
/// </summary>
internal sealed record ChatCompletionPrompt(string Text, string? SystemPrompt, IReadOnlyList<ImagePart> Images)
{
    public const string MissingUserMessage = "Missing user message in `messages`.";
    public const string InvalidImage = "Invalid image_url content in `messages`.";

    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    public static bool TryRead(IReadOnlyList<ChatCompletionMessage> messages, out ChatCompletionPrompt prompt, out string? error)
    {
        prompt = null!;
        var active = ActiveTurnIndex(messages);
        var system = new List<string>();
        var turns = new List<ConversationTurn>();
        IReadOnlyList<ImagePart> images = [];
        var calledFunctions = CalledFunctions(messages);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (!Roles.Contains(message.Role, StringComparer.Ordinal))
            {
                error = $"messages[{i}].role must be one of {string.Join(", ", Roles)}";
                return false;
            }

            if (!TryReadContent(message.Content, $"messages[{i}].content", out var text, out var imageUrls, out error)) return false;
            switch (message.Role)
            {
                case "system" or "developer":
                    if (text.Length > 0) system.Add(text);
                    break;
                case "user":
                    if (i == active)
                    {
                        if (!TryReadImages(imageUrls, out images, out error)) return false;
                        if (text.Length == 0 && images.Count > 0) text = ConversationPrompt.ImageOnlyMessage;
                    }
                    if (text.Length > 0) turns.Add(ConversationTurn.User(text));
                    break;
                case "assistant":
                    if (text.Length > 0) turns.Add(ConversationTurn.Assistant(text));
                    break;
                default:
                    var name = message.Name ?? (message.ToolCallId is { } callId ? calledFunctions.GetValueOrDefault(callId) : null);
                    if (text.Length > 0) turns.Add(ConversationTurn.Tool(name, text));
                    break;
            }
        }

        var agentMessage = ConversationPrompt.Build(turns);
        if (agentMessage.Length == 0 && images.Count == 0)
        {
            error = MissingUserMessage;
            return false;
        }

        prompt = new ChatCompletionPrompt(agentMessage, system.Count == 0 ? null : string.Join("\n\n", system), images);
        error = null;
        return true;
    }

    /// <summary>tool_call id → function name, from the assistant messages' <c>tool_calls</c>.</summary>
    private static Dictionary<string, string> CalledFunctions(IReadOnlyList<ChatCompletionMessage> messages)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.ToolCalls is not { ValueKind: JsonValueKind.Array } calls) continue;
            foreach (var call in calls.EnumerateArray())
            {
                if (call.ValueKind == JsonValueKind.Object && String(call, "id") is { } id
                    && call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
                    && String(function, "name") is { } name)
                {
                    names[id] = name;
                }
            }
        }

        return names;
    }

    /// <summary>The last user or tool message: the turn whose images are sent.</summary>
    private static int ActiveTurnIndex(IReadOnlyList<ChatCompletionMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role is "user" or "tool" or "function") return i;
        }

        return -1;
    }

    private static bool TryReadImages(List<string> urls, out IReadOnlyList<ImagePart> images, out string? error)
    {
        images = [];
        error = null;
        if (urls.Count > DataUrlImage.MaxImages)
        {
            error = $"{InvalidImage} Too many image_url parts ({urls.Count}; limit {DataUrlImage.MaxImages}).";
            return false;
        }

        var parsed = new List<ImagePart>(urls.Count);
        foreach (var url in urls)
        {
            if (!DataUrlImage.TryParse(url, out var image, out var reason))
            {
                error = $"{InvalidImage} {reason}.";
                return false;
            }
            parsed.Add(image);
        }

        images = parsed;
        return true;
    }

    /// <summary>String or array content → trimmed text and the image URLs of its <c>image_url</c> parts.</summary>
    private static bool TryReadContent(JsonElement? content, string path, out string text, out List<string> imageUrls, out string? error)
    {
        text = "";
        imageUrls = [];
        error = null;
        if (content is not { } value || value.ValueKind == JsonValueKind.Null) return true;
        if (value.ValueKind == JsonValueKind.String)
        {
            text = value.GetString()!.Trim();
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            error = $"{path} must be a string or an array of content parts";
            return false;
        }

        var texts = new List<string>();
        foreach (var part in value.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object) continue;
            var type = String(part, "type");
            if (type is "text" or "input_text" && String(part, "text") is { Length: > 0 } partText) texts.Add(partText);
            else if (String(part, "input_text") is { Length: > 0 } inputText) texts.Add(inputText);
            else if (type == "image_url" && ImageUrl(part) is { } url) imageUrls.Add(url);
        }

        text = string.Join("\n", texts).Trim();
        return true;
    }

    /// <summary><c>image_url</c> as <c>{url}</c> (OpenAI) or a bare string.</summary>
    private static string? ImageUrl(JsonElement part)
    {
        if (!part.TryGetProperty("image_url", out var imageUrl)) return null;
        var url = imageUrl.ValueKind switch
        {
            JsonValueKind.String => imageUrl.GetString(),
            JsonValueKind.Object => String(imageUrl, "url"),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(url) ? null : url.Trim();
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
