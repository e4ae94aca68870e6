using System.Text.Json;
using OpenClaw.Gateway.Http.OpenAi;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Http.Responses;

/// <summary>
/// The <c>content</c> of an OpenResponses message item (or a <c>function_call_output</c>'s <c>output</c>): a string,
/// or parts of type <c>input_text</c>/<c>output_text</c> (text, joined by newlines) and <c>input_image</c>. Images are
/// <c>{"source":{"type":"base64","media_type","data"}}</c> (OpenResponses) or <c>{"image_url":"data:…"}</c> (OpenAI's
/// Responses API); they are parsed only where they will be sent.
/// </summary>
internal static class ResponsesContent
{
    public static bool TryRead(JsonElement content, string path, out string text, out List<(JsonElement Part, string Path)> imageParts, out string? error)
    {
        text = "";
        imageParts = [];
        error = null;
        if (content.ValueKind == JsonValueKind.String)
        {
            text = content.GetString()!.Trim();
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
            switch (part.ValueKind == JsonValueKind.Object ? String(part, "type") : null)
            {
                case "input_text" or "output_text" or "text" when String(part, "text") is { } partText:
                    if (partText.Length > 0) texts.Add(partText);
                    break;
                case "input_image":
                    imageParts.Add((part, partPath));
                    break;
                case "input_file":
                    error = $"{partPath}: input_file parts are not supported";
                    return false;
                default:
                    error = $"{partPath} must be an input_text, output_text or input_image content part";
                    return false;
            }
        }

        text = string.Join("\n", texts).Trim();
        return true;
    }

    public static bool TryReadImage(JsonElement part, string path, out ImagePart image, out string? error)
    {
        image = null!;
        string? reason;
        if (part.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object)
        {
            var ok = String(source, "type") switch
            {
                "base64" => DataUrlImage.TryFromBase64(String(source, "media_type"), String(source, "data") ?? "", out image, out reason),
                "url" when String(source, "url") is { } url => DataUrlImage.TryParse(url, out image, out reason),
                _ => Fail("source.type must be base64 or url", out reason),
            };
            error = ok ? null : $"{path}: {reason}";
            return ok;
        }

        if (String(part, "image_url") is { } imageUrl)
        {
            var ok = DataUrlImage.TryParse(imageUrl, out image, out reason);
            error = ok ? null : $"{path}: {reason}";
            return ok;
        }

        error = $"{path}: input_image must have 'source' or 'image_url'";
        return false;
    }

    private static bool Fail(string message, out string? reason)
    {
        reason = message;
        return false;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
