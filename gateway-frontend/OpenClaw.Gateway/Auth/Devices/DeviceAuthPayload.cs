using System.Globalization;

namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>
/// The strings a device signs (UTF-8, '|'-joined). v3 is what OpenClaw's own clients sign; v2 is still signed by
/// older clients such as openclaw-node, so the server accepts both.
/// </summary>
public static class DeviceAuthPayload
{
    public const string V3 = "v3";
    public const string V2 = "v2";

    public static string BuildV3(
        string deviceId,
        string clientId,
        string clientMode,
        string role,
        IReadOnlyList<string> scopes,
        long signedAtMs,
        string? token,
        string nonce,
        string? platform,
        string? deviceFamily) =>
        string.Join('|', V3, deviceId, clientId, clientMode, role, string.Join(',', scopes), FormatMs(signedAtMs), token ?? "", nonce, NormalizeMetadata(platform), NormalizeMetadata(deviceFamily));

    public static string BuildV2(
        string deviceId,
        string clientId,
        string clientMode,
        string role,
        IReadOnlyList<string> scopes,
        long signedAtMs,
        string? token,
        string nonce) =>
        string.Join('|', V2, deviceId, clientId, clientMode, role, string.Join(',', scopes), FormatMs(signedAtMs), token ?? "", nonce);

    private static string FormatMs(long ms) => ms.ToString(CultureInfo.InvariantCulture);

    // Only ASCII is lowered, as the real client does, so a non-ASCII platform name signs identically on every runtime.
    internal static string NormalizeMetadata(string? value)
    {
        if (value is null)
        {
            return "";
        }

        string trimmed = value.Trim();
        return string.Create(trimmed.Length, trimmed, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + ('a' - 'A')) : source[i];
            }
        });
    }
}
