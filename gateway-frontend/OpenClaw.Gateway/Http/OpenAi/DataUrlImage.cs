using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary><c>data:image/png;base64,…</c> → an <see cref="ImagePart"/>. Remote URLs are not fetched by the gateway.</summary>
internal static class DataUrlImage
{
    public static bool TryParse(string url, out ImagePart image)
    {
        image = null!;
        const string prefix = "data:";
        const string marker = ";base64,";
        if (!url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var separator = url.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (separator < 0) return false;

        var mimeType = url[prefix.Length..separator].Trim().ToLowerInvariant();
        var data = url[(separator + marker.Length)..];
        if (!mimeType.StartsWith("image/", StringComparison.Ordinal) || data.Length == 0) return false;

        Span<byte> probe = stackalloc byte[3];
        if (!Convert.TryFromBase64Chars(data.AsSpan(0, Math.Min(4, data.Length)), probe, out _)) return false;
        image = new ImagePart(data, mimeType);
        return true;
    }
}
