using System.Text.Json.Nodes;
using OpenClaw.Configuration.Binding;
using static OpenClaw.Configuration.Schema.SchemaNodes;

namespace OpenClaw.Configuration;

/// <summary>
/// The <c>config.schema</c> payload: <c>{ schema, uiHints }</c>. <c>schema</c> is JSON Schema 2020-12 for the
/// implemented sections (types, enums, defaults, descriptions); every other known top-level section is an open
/// object, unknown top-level keys are not allowed. <c>uiHints</c> maps dotted paths to <c>{ label, sensitive? }</c>.
/// </summary>
public static class ConfigSchema
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    public static JsonObject Build() => new() { ["schema"] = BuildJsonSchema(), ["uiHints"] = BuildUiHints() };

    public static JsonObject BuildJsonSchema()
    {
        var properties = new JsonObject();
        foreach (var section in TopLevelSections.All)
        {
            properties[section] = section == "$schema"
                ? Str("URL of the schema the file follows (for editors).")
                : ImplementedSection(section) ?? Open($"{section}: accepted but not implemented by this gateway yet.");
        }
        return new JsonObject
        {
            ["$schema"] = Draft,
            ["title"] = "OpenClaw configuration (openclaw.json)",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    public static JsonObject BuildUiHints()
    {
        var hints = new JsonObject();
        foreach (var (path, label) in Labels)
        {
            var hint = new JsonObject { ["label"] = label };
            if (SecretKeys.IsSecret(path[(path.LastIndexOf('.') + 1)..]))
            {
                hint["sensitive"] = true;
            }
            hints[path] = hint;
        }
        return hints;
    }

    private static readonly (string Path, string Label)[] Labels =
    [
        ("gateway", "Gateway"), ("gateway.mode", "Gateway mode"), ("gateway.port", "Gateway port"), ("gateway.bind", "Bind address"),
        ("gateway.auth.mode", "Auth mode"), ("gateway.auth.token", "Gateway token"), ("gateway.auth.password", "Gateway password"),
        ("gateway.auth.rateLimit.maxAttempts", "Failed attempts before lockout"), ("gateway.auth.rateLimit.windowMs", "Failure window (ms)"),
        ("gateway.auth.rateLimit.lockoutMs", "Lockout (ms)"),
        ("gateway.http.endpoints.chatCompletions.enabled", "OpenAI Chat Completions endpoint"),
        ("gateway.http.endpoints.responses.enabled", "OpenResponses endpoint"),
        ("gateway.controlUi.enabled", "Control UI"), ("gateway.controlUi.basePath", "Control UI base path"),
        ("gateway.controlUi.allowedOrigins", "Control UI allowed origins"),
        ("agents", "Agents"), ("agents.defaults.workspace", "Default workspace"), ("agents.defaults.model", "Default model"),
        ("agents.defaults.thinking", "Default thinking level"), ("agents.defaults.maxConcurrent", "Max concurrent runs"),
        ("agents.defaults.timeoutSeconds", "Run timeout (s)"), ("agents.entries", "Agent entries"),
        ("models", "Models"), ("models.mode", "Catalogue mode"), ("models.providers", "Model providers"),
        ("models.providers.*.baseUrl", "Provider base URL"), ("models.providers.*.apiKey", "Provider API key"),
        ("session", "Sessions"), ("session.scope", "Session scope"), ("session.dmScope", "DM session scope"), ("session.mainKey", "Main session key"),
        ("logging", "Logging"), ("logging.file", "Log file"), ("logging.level", "Log level"),
        ("channels", "Channels"), ("channels.telegram.botToken", "Telegram bot token"), ("channels.discord.token", "Discord bot token"),
        ("channels.slack.botToken", "Slack bot token"), ("channels.slack.appToken", "Slack app token"),
        ("hooks.token", "Hooks token"), ("cron.webhookToken", "Cron webhook token"),
    ];

    private static JsonObject? ImplementedSection(string section) => section switch
    {
        "gateway" => Gateway(),
        "agents" => Agents(),
        "models" => Models(),
        "session" => Obj("How chats map to session keys.",
            ("scope", Str("per-sender: one session per sender; global: one shared session.", "per-sender", Binding.SessionSectionBinder.Scopes)),
            ("dmScope", Str("How direct messages are keyed.", "main", Binding.SessionSectionBinder.DmScopes)),
            ("mainKey", Str("The rest of the main session key agent:<id>:<mainKey>.", "main"))),
        "logging" => Obj("Logging.",
            ("file", Str("Log file path.")),
            ("level", Str("Minimum level.", "info", Binding.LoggingSectionBinder.Levels))),
        "channels" => Map("Channel settings keyed by channel id; read for status.", Obj("One channel.",
            ("enabled", Bool("Whether the channel runs.", true)),
            ("accounts", Map("Accounts keyed by account id.", Open("One account."))),
            ("defaultAccount", Str("Account used when none is named.")))),
        "meta" => Open("Written by OpenClaw when it saves the file."),
        "env" => Obj("Variables for ${VAR} substitution, used where the process environment lacks them.",
            ("vars", Map("Variables by name.", new JsonObject { ["type"] = "string" }))),
        _ => null,
    };

    private static JsonObject Gateway() => Obj("How the gateway listens and authenticates.",
        ("mode", Str("local runs the gateway here; remote points clients at another one.", "local", Binding.GatewaySectionBinder.Modes)),
        ("port", Int("WebSocket and HTTP port.", 1, 65535, Model.GatewayConfig.DefaultPort)),
        ("bind", Str("Which interfaces to listen on.", "loopback", Binding.GatewaySectionBinder.Binds)),
        ("auth", Obj("Client authentication.",
            ("mode", Str("Auth mode; derived from token/password when unset.", values: Binding.GatewaySectionBinder.AuthModes)),
            ("token", Str("Shared token (mode token).")),
            ("password", Str("Shared password (mode password).")),
            ("rateLimit", Obj("Failed-auth lockout.",
                ("maxAttempts", Int("Failures allowed per window.", 1, defaultValue: 10)),
                ("windowMs", Int("Failure counting window.", 1, defaultValue: 60000)),
                ("lockoutMs", Int("Lockout after too many failures.", 0, defaultValue: 300000)))))),
        ("http", Obj("HTTP endpoints.",
            ("endpoints", Obj("Optional OpenAI-compatible endpoints (off by default).",
                ("chatCompletions", Obj("POST /v1/chat/completions.", ("enabled", Bool("Serve the endpoint.", false)))),
                ("responses", Obj("POST /v1/responses.", ("enabled", Bool("Serve the endpoint.", false)))))))),
        ("controlUi", Obj("The browser Control UI.",
            ("enabled", Bool("Serve the Control UI.", true)),
            ("basePath", Str("URL prefix of the Control UI.", "/")),
            ("allowedOrigins", StrList("Extra browser origins allowed to connect.")))));

    private static JsonObject Agents() => Obj("Agents: defaults and the keyed roster.",
        ("defaults", Obj("Values every agent inherits.",
            ("workspace", Str("Working directory of agent runs.")),
            ("model", ModelSelection("Model for agent runs.")),
            ("thinking", Str("Default thinking level.")),
            ("maxConcurrent", Int("Concurrent agent runs.", 1)),
            ("timeoutSeconds", Int("Run timeout.", 1)))),
        ("entries", new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Agents keyed by id.",
            ["propertyNames"] = new JsonObject { ["pattern"] = "^[a-z0-9_][a-z0-9_-]{0,63}$" },
            ["additionalProperties"] = Obj("One agent.",
                ("name", Str("Display name.")),
                ("workspace", Str("Working directory.")),
                ("model", ModelSelection("Model override.")),
                ("default", Bool("The default agent.", false)),
                ("identity", Open("Name, emoji, avatar shown to users.")),
                ("tools", Obj("Tool policy.", ("allow", StrList("Allowed tools.")), ("deny", StrList("Denied tools."))))),
        }),
        ("list", ArrayOf("Legacy roster; migrated to entries.", Open("One agent with an id."))));

    private static JsonObject Models() => Obj("Model providers.",
        ("mode", Str("merge with or replace the built-in catalogue.", values: Binding.ModelsSectionBinder.Modes)),
        ("providers", Map("Providers keyed by id.", Obj("One provider.",
            ("baseUrl", Str("API base URL.")),
            ("apiKey", Str("API key.")),
            ("api", Str("Wire API, e.g. openai-completions or anthropic-messages.")),
            ("timeoutSeconds", Int("Request timeout.", 1)),
            ("models", ArrayOf("Models offered.", Obj("One model.",
                ("id", Str("Model id.")),
                ("name", Str("Display name.")),
                ("reasoning", Bool("Supports reasoning.", false)),
                ("input", StrList("Input kinds: text, image.")),
                ("contextWindow", Int("Context window in tokens.", 1)),
                ("maxTokens", Int("Max output tokens.", 1)))))))));
}
