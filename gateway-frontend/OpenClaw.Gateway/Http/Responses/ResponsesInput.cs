using System.Text.Json;
using OpenClaw.Gateway.Http.OpenAi;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Http.Responses;

/// <summary>
/// What an OpenResponses <c>input</c> asks of the agent: a string is the user turn; of an item list, the last user
/// message is the turn and system/developer messages join <c>instructions</c> as extra system prompt. Other item
/// types (<c>function_call_output</c>, reasoning) are accepted and not replayed: the session keeps its own history.
/// </summary>
internal sealed record ResponsesInput(string Text, string? SystemPrompt, IReadOnlyList<ImagePart> Images)
{
    private static readonly string[] MessageRoles = ["user", "assistant", "system", "developer"];

    public static bool TryRead(JsonElement input, string? instructions, out ResponsesInput result, out string? error)
    {
        result = null!;
        var system = new List<string>();
        if (!string.IsNullOrWhiteSpace(instructions)) system.Add(instructions);

        (string Text, List<ImagePart> Images)? user = null;
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                user = (input.GetString()!, []);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in input.EnumerateArray())
                {
                    if (!TryReadItem(item, $"input[{index++}]", out var message, out error)) return false;
                    if (message is not { } m) continue;
                    if (m.Role == "user") user = (m.Text, m.Images);
                    else if (m.Role is "system" or "developer" && m.Text.Length > 0) system.Add(m.Text);
                }
                break;
            default:
                error = "input must be a string or an array of items";
                return false;
        }

        if (user is not { } turn || (turn.Text.Trim().Length == 0 && turn.Images.Count == 0))
        {
            error = "input must include a user message with content";
            return false;
        }

        if (turn.Images.Count > ChatCompletionPrompt.MaxImages)
        {
            error = $"at most {ChatCompletionPrompt.MaxImages} images per request";
            return false;
        }

        result = new ResponsesInput(turn.Text, system.Count == 0 ? null : string.Join("\n\n", system), turn.Images);
        error = null;
        return true;
    }

    private static bool TryReadItem(JsonElement item, string path, out (string Role, string Text, List<ImagePart> Images)? message, out string? error)
    {
        message = null;
        error = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = $"{path} must be an object";
            return false;
        }

        var type = String(item, "type") ?? "message";
        if (type != "message") return true;
        var role = String(item, "role");
        if (role is null || !MessageRoles.Contains(role, StringComparer.Ordinal))
        {
            error = $"{path}.role must be one of {string.Join(", ", MessageRoles)}";
            return false;
        }

        if (!item.TryGetProperty("content", out var content))
        {
            error = $"{path}: must have required property 'content'";
            return false;
        }

        if (!TryReadContent(content, $"{path}.content", out var text, out var images, out error)) return false;
        message = (role, text, images);
        return true;
    }

    private static bool TryReadContent(JsonElement content, string path, out string text, out List<ImagePart> images, out string? error)
    {
        text = "";
        images = [];
        error = null;
        if (content.ValueKind == JsonValueKind.String)
        {
            text = content.GetString()!;
            return true;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            error = $"{path} must be a string or an array of content parts";
            return false;
        }

        var texts = new List<string>();
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = $"{path}[{index++}]";
            var partType = part.ValueKind == JsonValueKind.Object ? String(part, "type") : null;
            switch (partType)
            {
                case "input_text" or "output_text" or "text" when String(part, "text") is { } partText:
                    texts.Add(partText);
                    break;
                case "input_image" when String(part, "image_url") is { } url:
                    if (!DataUrlImage.TryParse(url, out var image))
                    {
                        error = $"{partPath}.image_url must be a base64 data: URL of an image";
                        return false;
                    }
                    images.Add(image);
                    break;
                default:
                    error = $"{partPath} must be an input_text or input_image content part";
                    return false;
            }
        }

        text = string.Join("\n", texts);
        return true;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
