using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>
/// Inline images of the OpenAI-compatible routes: <c>data:image/png;base64,…</c> URLs or base64 sources → an
/// <see cref="ImagePart"/>. Remote URLs are not fetched (openclaw's default, <c>images.allowUrl: false</c>), and only
/// the image types openclaw accepts by default pass.
/// </summary>
internal static class DataUrlImage
{
    public const int MaxImages = 8;

    private static readonly string[] AllowedMimeTypes = ["image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif"];

    /// <summary>Parses a <c>data:</c> URL; <paramref name="reason"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string url, out ImagePart image, out string? reason)
    {
        image = null!;
        var trimmed = url.Trim();
        if (!trimmed.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            reason = "remote image URLs are not fetched; send the image as a base64 data: URL";
            return false;
        }

        var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            reason = "data: URL has no payload";
            return false;
        }

        var metadata = trimmed["data:".Length..comma].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!metadata.Contains("base64", StringComparer.OrdinalIgnoreCase))
        {
            reason = "data: URL must be base64 encoded";
            return false;
        }

        var mimeType = metadata.FirstOrDefault(part => part.Contains('/', StringComparison.Ordinal));
        return TryFromBase64(mimeType, trimmed[(comma + 1)..], out image, out reason);
    }

    /// <summary>A base64 payload with its declared media type.</summary>
    public static bool TryFromBase64(string? mimeType, string data, out ImagePart image, out string? reason)
    {
        image = null!;
        var type = mimeType?.Trim().ToLowerInvariant();
        if (type is null || !AllowedMimeTypes.Contains(type, StringComparer.Ordinal))
        {
            reason = $"image type must be one of {string.Join(", ", AllowedMimeTypes)}";
            return false;
        }

        var payload = data.Trim();
        Span<byte> probe = stackalloc byte[3];
        if (payload.Length == 0 || !Convert.TryFromBase64Chars(payload.AsSpan(0, Math.Min(4, payload.Length)), probe, out _))
        {
            reason = "image data must be non-empty base64";
            return false;
        }

        image = new ImagePart(payload, type);
        reason = null;
        return true;
    }
}
