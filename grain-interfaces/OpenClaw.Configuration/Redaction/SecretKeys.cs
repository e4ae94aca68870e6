namespace OpenClaw.Configuration;

/// <summary>
/// Which property names hold secrets. Rules, in order:
/// 1. Exact names (any case): token, password, apiKey, botToken, appToken, secret, clientSecret, privateKey, webhookToken.
/// 2. camelCase names ending in Token, Password, Secret, ApiKey or Key, except the non-secret names in
///    <see cref="NotSecret"/> (publicKey, and identifiers such as session.mainKey or sessionKey).
/// 3. Environment-style names (in <c>env</c>) ending in _TOKEN, _PASSWORD, _SECRET or _KEY, except _PUBLIC_KEY.
/// "maxTokens" is not a secret: the suffix must be exactly Token, not Tokens.
/// </summary>
public static class SecretKeys
{
    public static readonly IReadOnlyList<string> ExactNames =
        ["token", "password", "apiKey", "botToken", "appToken", "secret", "clientSecret", "privateKey", "webhookToken"];

    public static readonly IReadOnlyList<string> Suffixes = ["Token", "Password", "Secret", "ApiKey", "Key"];

    /// <summary>Names that end like a secret but hold identifiers.</summary>
    public static readonly IReadOnlyList<string> NotSecret = ["publicKey", "mainKey", "sessionKey", "idempotencyKey", "dedupeKey"];

    private static readonly string[] EnvSuffixes = ["_TOKEN", "_PASSWORD", "_SECRET", "_KEY"];

    public static bool IsSecret(string key)
    {
        if (ExactNames.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }
        if (NotSecret.Contains(key, StringComparer.Ordinal))
        {
            return false;
        }
        if (Suffixes.Any(suffix => key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.Ordinal)))
        {
            return true;
        }
        return IsEnvStyle(key)
            && !key.EndsWith("_PUBLIC_KEY", StringComparison.Ordinal)
            && EnvSuffixes.Any(suffix => key.EndsWith(suffix, StringComparison.Ordinal));
    }

    private static bool IsEnvStyle(string key) => key.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');
}
