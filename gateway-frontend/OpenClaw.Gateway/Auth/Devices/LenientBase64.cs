namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>
/// Decodes base64url as clients send it, also tolerating standard base64 and '=' padding
/// (the real gateway accepts both, so keys and signatures from either encoder must work).
/// </summary>
internal static class LenientBase64
{
    /// <summary>Decodes <paramref name="value"/>; false for anything that is not base64/base64url or is longer than <paramref name="maxBytes"/>.</summary>
    public static bool TryDecode(string? value, int maxBytes, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        string unpadded = value.TrimEnd('=');
        // Bound the work before allocating: anything longer cannot decode to maxBytes.
        if (unpadded.Length == 0 || unpadded.Length % 4 == 1 || unpadded.Length > ((maxBytes + 2) / 3 * 4) || value.Length - unpadded.Length > 2)
        {
            return false;
        }

        Span<char> standard = stackalloc char[unpadded.Length + 3];
        int length = 0;
        foreach (char c in unpadded)
        {
            standard[length++] = c switch
            {
                '-' => '+',
                '_' => '/',
                >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/' => c,
                _ => '\0',
            };
            if (standard[length - 1] == '\0')
            {
                return false;
            }
        }

        while (length % 4 != 0)
        {
            standard[length++] = '=';
        }

        Span<byte> decoded = stackalloc byte[maxBytes + 3];
        if (!Convert.TryFromBase64Chars(standard[..length], decoded, out int written) || written > maxBytes)
        {
            return false;
        }

        bytes = decoded[..written].ToArray();
        return true;
    }
}
