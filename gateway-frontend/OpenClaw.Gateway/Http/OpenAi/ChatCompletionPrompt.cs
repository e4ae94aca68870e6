using System.Text.Json;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>
/// What an OpenAI <c>messages</c> array asks of the agent: the last user message is the turn (text plus inline
/// images); system and developer messages become extra system prompt. Earlier turns are not replayed: the session
/// keeps its own history.
/// </summary>
internal sealed record ChatCompletionPrompt(string Text, string? SystemPrompt, IReadOnlyList<ImagePart> Images)
{
    public const int MaxImages = 8;
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    public static bool TryRead(IReadOnlyList<ChatCompletionMessage> messages, out ChatCompletionPrompt prompt, out string? error)
    {
        prompt = null!;
        var system = new List<string>();
        (string Text, List<ImagePart> Images)? lastUser = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (!Roles.Contains(message.Role, StringComparer.Ordinal))
            {
                error = $"messages[{i}].role must be one of {string.Join(", ", Roles)}";
                return false;
            }

            if (message.Role is not ("system" or "developer" or "user")) continue;
            if (!TryReadContent(message.Content, $"messages[{i}].content", out var text, out var images, out error)) return false;
            if (message.Role == "user") lastUser = (text, images);
            else if (text.Length > 0) system.Add(text);
        }

        if (lastUser is not { } user || (user.Text.Trim().Length == 0 && user.Images.Count == 0))
        {
            error = "messages must include a user message with content";
            return false;
        }

        if (user.Images.Count > MaxImages)
        {
            error = $"at most {MaxImages} images per request";
            return false;
        }

        prompt = new ChatCompletionPrompt(user.Text, system.Count == 0 ? null : string.Join("\n\n", system), user.Images);
        error = null;
        return true;
    }

    private static bool TryReadContent(JsonElement? content, string path, out string text, out List<ImagePart> images, out string? error)
    {
        text = "";
        images = [];
        error = null;
        if (content is not { } value || value.ValueKind == JsonValueKind.Null) return true;
        if (value.ValueKind == JsonValueKind.String)
        {
            text = value.GetString()!;
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            error = $"{path} must be a string or an array of content parts";
            return false;
        }

        var texts = new List<string>();
        var index = 0;
        foreach (var part in value.EnumerateArray())
        {
            var partPath = $"{path}[{index++}]";
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            switch (type)
            {
                case "text" or "input_text" when part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String:
                    texts.Add(partText.GetString()!);
                    break;
                case "image_url" when ImageUrl(part) is { } url:
                    if (!DataUrlImage.TryParse(url, out var image))
                    {
                        error = $"{partPath}.image_url.url must be a base64 data: URL of an image";
                        return false;
                    }
                    images.Add(image);
                    break;
                default:
                    error = $"{partPath} must be a text or image_url content part";
                    return false;
            }
        }

        text = string.Join("\n", texts);
        return true;
    }

    private static string? ImageUrl(JsonElement part) =>
        part.TryGetProperty("image_url", out var imageUrl) && imageUrl.ValueKind == JsonValueKind.Object
        && imageUrl.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
            ? url.GetString()
            : null;
}
