namespace OpenClaw.Configuration.Tests;

/// <summary>The config.get capture's file (spec capture 15) plus channels, bindings, cron and hooks as real users write them.</summary>
internal static class RealisticConfig
{
    public const string Text = """
        // ~/.openclaw/openclaw.json
        {
          "gateway": {
            "mode": "local",
            "port": 28789,
            "bind": "loopback",
            "auth": { "mode": "token", "token": "gw-secret-token" },
            "tailscale": { "mode": "off" }
          },
          "logging": { "file": "/srv/peer/logs/openclaw.log" },
          "models": {
            "mode": "replace",
            "providers": {
              "stub": {
                "baseUrl": "http://127.0.0.1:28800/v1",
                "apiKey": "sk-stub-provider-key",
                "api": "openai-completions",
                "timeoutSeconds": 120,
                "models": [
                  { "id": "stub-echo", "name": "Stub Echo", "reasoning": false, "input": ["text"],
                    "cost": { "input": 0, "output": 0, "cacheRead": 0, "cacheWrite": 0 },
                    "contextWindow": 128000, "maxTokens": 4096 }
                ]
              }
            }
          },
          "agents": {
            "defaults": {
              "model": { "primary": "stub/stub-echo" },
              "workspace": "/srv/peer/workspace",
              "heartbeat": { "every": "0m" }
            }
          },
          channels: {
            telegram: {
              enabled: true,
              botToken: "${TELEGRAM_BOT_TOKEN}",
              dmPolicy: "pairing",
              allowFrom: ["123456789"],
              groups: { "*": { requireMention: true } },
            },
            discord: { enabled: false, token: "discord-bot-token-xyz", dm: { enabled: true } },
          },
          bindings: [
            { agentId: "main", match: { channel: "telegram", accountId: "*" } },
          ],
          cron: { enabled: true, sessionRetention: "24h", failureAlert: { after: 2 } },
          hooks: { enabled: true, token: "hook-shared-secret", path: "/hooks" },
        }
        """;
}
