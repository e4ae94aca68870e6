using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Tests;

/// <summary>Secrets never leave through config.get: neither in the parsed tree nor in the raw text.</summary>
public sealed class RedactionTests : IDisposable
{
    private readonly TestConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("token", true)]
    [InlineData("password", true)]
    [InlineData("apiKey", true)]
    [InlineData("botToken", true)]
    [InlineData("appToken", true)]
    [InlineData("secret", true)]
    [InlineData("clientSecret", true)]
    [InlineData("privateKey", true)]
    [InlineData("webhookToken", true)]
    [InlineData("Token", true)]
    [InlineData("accessToken", true)]
    [InlineData("adminPassword", true)]
    [InlineData("signingSecret", true)]
    [InlineData("openaiApiKey", true)]
    [InlineData("encryptionKey", true)]
    [InlineData("OPENAI_API_KEY", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("publicKey", false)]
    [InlineData("mainKey", false)]
    [InlineData("sessionKey", false)]
    [InlineData("idempotencyKey", false)]
    [InlineData("maxTokens", false)]
    [InlineData("tokens", false)]
    [InlineData("key", false)]
    [InlineData("monkey", false)]
    [InlineData("SSH_PUBLIC_KEY", false)]
    [InlineData("HOME", false)]
    [InlineData("port", false)]
    public void IsSecret_FollowsTheDocumentedRules(string key, bool expected) =>
        Assert.Equal(expected, SecretKeys.IsSecret(key));

    [Fact]
    public void Redact_ReplacesSecretValuesAndKeepsTheRest()
    {
        var parsed = JsonNode.Parse("""
            {"gateway":{"port":1,"auth":{"mode":"token","token":"abc"}},
             "session":{"mainKey":"main"},
             "models":{"providers":{"p":{"apiKey":"sk-1","models":[{"maxTokens":5}]}}},
             "channels":{"slack":{"botToken":"xoxb","appToken":"xapp","accounts":{"a":{"signingSecret":"s"}}}},
             "env":{"OPENAI_API_KEY":"sk-env"},
             "ref":{"apiKey":"${OPENAI_API_KEY}","password":""}}
            """)!;

        var redacted = ConfigRedactor.Redact(parsed);

        const string s = ConfigRedactor.Sentinel;
        Assert.Equal(s, (string?)redacted["gateway"]!["auth"]!["token"]);
        Assert.Equal("token", (string?)redacted["gateway"]!["auth"]!["mode"]);
        Assert.Equal("main", (string?)redacted["session"]!["mainKey"]);
        Assert.Equal(s, (string?)redacted["models"]!["providers"]!["p"]!["apiKey"]);
        Assert.Equal(5, (int)redacted["models"]!["providers"]!["p"]!["models"]![0]!["maxTokens"]!);
        Assert.Equal(s, (string?)redacted["channels"]!["slack"]!["botToken"]);
        Assert.Equal(s, (string?)redacted["channels"]!["slack"]!["appToken"]);
        Assert.Equal(s, (string?)redacted["channels"]!["slack"]!["accounts"]!["a"]!["signingSecret"]);
        Assert.Equal(s, (string?)redacted["env"]!["OPENAI_API_KEY"]);
        Assert.Equal("${OPENAI_API_KEY}", (string?)redacted["ref"]!["apiKey"]);
        Assert.Equal("", (string?)redacted["ref"]!["password"]);
        Assert.Equal("abc", (string?)parsed["gateway"]!["auth"]!["token"]);
    }

    [Fact]
    public void RedactRaw_RealisticConfig_LeaksNoSecretAndKeepsLayout()
    {
        _dir.WriteConfig(RealisticConfig.Text.Replace("// ~/.openclaw/openclaw.json", "// old token was gw-secret-token", StringComparison.Ordinal));
        var snapshot = _dir.Load(new Dictionary<string, string> { ["TELEGRAM_BOT_TOKEN"] = "7000:telegram-secret" });

        var raw = ConfigRedactor.RedactRaw(snapshot.Raw!, snapshot.Parsed);
        var parsed = ConfigRedactor.Redact(snapshot.Parsed).ToJsonString();

        foreach (var secret in new[] { "gw-secret-token", "sk-stub-provider-key", "discord-bot-token-xyz", "hook-shared-secret", "7000:telegram-secret" })
        {
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, parsed, StringComparison.Ordinal);
        }
        Assert.Contains("\"token\": \"__OPENCLAW_REDACTED__\"", raw, StringComparison.Ordinal);
        Assert.Contains("botToken: \"${TELEGRAM_BOT_TOKEN}\"", raw, StringComparison.Ordinal);
        Assert.Contains("\"port\": 28789", raw, StringComparison.Ordinal);
        Assert.Contains("// old token was __OPENCLAW_REDACTED__", raw, StringComparison.Ordinal);
        Assert.NotNull(Json5.Json5Reader.Parse(raw, "redacted"));
    }

    [Fact]
    public void RedactRaw_SecretUnderNonSecretKeyOrInIncludedFile_IsStillHidden()
    {
        const string raw = "{ gateway: { auth: { token: 'tok\\x41' } }, note: 'copy: tokA', other: \"tokA\" }";
        var parsed = Json5.Json5Reader.Parse(raw, "x")!;

        var redacted = ConfigRedactor.RedactRaw(raw, parsed);

        Assert.DoesNotContain("tok", redacted.Replace("token", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("token: '__OPENCLAW_REDACTED__'", redacted, StringComparison.Ordinal);
        Assert.Contains("other: \"__OPENCLAW_REDACTED__\"", redacted, StringComparison.Ordinal);
    }
}
