using System.Text.Json;
using OpenClaw.Gateway.Http.OpenAi;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Http.Responses;

/// <summary>
/// What an OpenResponses <c>input</c> asks of the agent, as openclaw's <c>openresponses-http.ts</c> reads it. A string
/// is the message as it is. An item list is a conversation (<see cref="ConversationPrompt"/>): <c>message</c> items
/// (type optional) with role user or assistant are turns, system and developer ones join <c>instructions</c> as extra
/// system prompt, <c>function_call_output</c> items are tool turns named by their call id, and <c>function_call</c>,
/// <c>reasoning</c> and <c>item_reference</c> items are skipped. Only the last user message's images are sent.
/// </summary>
internal sealed record ResponsesInput(string Text, string? SystemPrompt, IReadOnlyList<ImagePart> Images)
{
    public const string MissingUserMessage = "Missing user message in `input`.";

    private static readonly string[] MessageRoles = ["user", "assistant", "system", "developer"];
    private static readonly string[] SkippedItemTypes = ["function_call", "reasoning", "item_reference"];

    public static bool TryRead(JsonElement input, string? instructions, out ResponsesInput result, out string? error)
    {
        result = null!;
        var system = new List<string>();
        if (!string.IsNullOrWhiteSpace(instructions)) system.Add(instructions);

        string message;
        IReadOnlyList<ImagePart> images = [];
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                message = input.GetString()!;
                break;
            case JsonValueKind.Array:
                if (!TryReadItems(input, system, out message, out images, out error)) return false;
                break;
            default:
                error = "input must be a string or an array of items";
                return false;
        }

        if (message.Length == 0 && images.Count == 0)
        {
            error = MissingUserMessage;
            return false;
        }

        result = new ResponsesInput(message, system.Count == 0 ? null : string.Join("\n\n", system), images);
        error = null;
        return true;
    }

    private static bool TryReadItems(JsonElement items, List<string> system, out string message, out IReadOnlyList<ImagePart> images, out string? error)
    {
        message = "";
        images = [];
        var active = ActiveUserIndex(items);
        var turns = new List<ConversationTurn>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var path = $"input[{index}]";
            var isActive = index++ == active;
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = $"{path} must be an object";
                return false;
            }

            var type = String(item, "type") ?? "message";
            if (type == "function_call_output")
            {
                if (!TryReadToolOutput(item, path, out var turn, out error)) return false;
                if (turn is not null) turns.Add(turn);
                continue;
            }

            if (SkippedItemTypes.Contains(type, StringComparer.Ordinal)) continue;
            if (type != "message")
            {
                error = $"{path}.type must be one of message, function_call_output, {string.Join(", ", SkippedItemTypes)}";
                return false;
            }

            if (!TryReadMessage(item, path, isActive, out var role, out var text, out var itemImages, out error)) return false;
            if (isActive) images = itemImages;
            if (text.Length == 0) continue;
            if (role is "system" or "developer") system.Add(text);
            else turns.Add(role == "assistant" ? ConversationTurn.Assistant(text) : ConversationTurn.User(text));
        }

        message = ConversationPrompt.Build(turns);
        error = null;
        return true;
    }

    /// <summary>The last user message item: the turn whose images are sent.</summary>
    private static int ActiveUserIndex(JsonElement items)
    {
        var active = -1;
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && (String(item, "type") ?? "message") == "message" && String(item, "role") == "user")
                active = index;
            index++;
        }

        return active;
    }

    private static bool TryReadMessage(
        JsonElement item, string path, bool isActive, out string role, out string text, out IReadOnlyList<ImagePart> images, out string? error)
    {
        text = "";
        images = [];
        role = String(item, "role") ?? "";
        if (!MessageRoles.Contains(role, StringComparer.Ordinal))
        {
            error = $"{path}.role must be one of {string.Join(", ", MessageRoles)}";
            return false;
        }

        if (!item.TryGetProperty("content", out var content))
        {
            error = $"{path}: must have required property 'content'";
            return false;
        }

        if (!ResponsesContent.TryRead(content, $"{path}.content", out text, out var imageParts, out error)) return false;
        if (!isActive || imageParts.Count == 0) return true;

        if (imageParts.Count > DataUrlImage.MaxImages)
        {
            error = $"{path}.content: too many input_image parts ({imageParts.Count}; limit {DataUrlImage.MaxImages})";
            return false;
        }

        var parsed = new List<ImagePart>(imageParts.Count);
        foreach (var (part, partPath) in imageParts)
        {
            if (!ResponsesContent.TryReadImage(part, partPath, out var image, out error)) return false;
            parsed.Add(image);
        }

        images = parsed;
        if (text.Length == 0) text = ConversationPrompt.ImageOnlyMessage;
        return true;
    }

    private static bool TryReadToolOutput(JsonElement item, string path, out ConversationTurn? turn, out string? error)
    {
        turn = null;
        if (String(item, "call_id") is not { Length: > 0 } callId)
        {
            error = $"{path}: must have required property 'call_id'";
            return false;
        }

        if (!item.TryGetProperty("output", out var output))
        {
            error = $"{path}: must have required property 'output'";
            return false;
        }

        if (!ResponsesContent.TryRead(output, $"{path}.output", out var text, out _, out error)) return false;
        if (text.Length > 0) turn = ConversationTurn.Tool(callId, text);
        return true;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
