using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration.Tests;

/// <summary>Loading openclaw.json: defaults, env substitution, validation with positions, warnings and migration.</summary>
public sealed class LoaderTests : IDisposable
{
    private readonly TestConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_MissingFile_GivesDefaults()
    {
        var snapshot = _dir.Load();

        Assert.False(snapshot.Exists);
        Assert.Null(snapshot.Raw);
        Assert.Empty(snapshot.Parsed);
        Assert.Equal(_dir.ConfigPath, snapshot.Path);
        Assert.Equal(ConfigHash.OfParsed(new JsonObject()), snapshot.Hash);
        var config = snapshot.Config;
        Assert.Equal(("local", 18789, "loopback"), (config.Gateway.Mode, config.Gateway.Port, config.Gateway.Bind));
        Assert.Null(config.Gateway.Auth.Mode);
        Assert.Equal((10, 60000, 300000), (config.Gateway.Auth.RateLimit.MaxAttempts, config.Gateway.Auth.RateLimit.WindowMs, config.Gateway.Auth.RateLimit.LockoutMs));
        Assert.False(config.Gateway.Http.ChatCompletionsEnabled);
        Assert.False(config.Gateway.Http.ResponsesEnabled);
        Assert.True(config.Gateway.ControlUi.Enabled);
        Assert.Equal("/", config.Gateway.ControlUi.BasePath);
        Assert.Equal(["main"], config.Agents.Entries.Keys);
        Assert.Equal("main", config.Agents.DefaultAgentId);
        Assert.Equal(("per-sender", "main", "main"), (config.Session.Scope, config.Session.DmScope, config.Session.MainKey));
        Assert.Equal("info", config.Logging.Level);
        Assert.Empty(config.Channels);
        Assert.Empty(snapshot.Warnings);
    }

    [Fact]
    public void Load_ExistingFile_HashesRawTextAndKeepsIt()
    {
        const string raw = "// mine\n{ gateway: { port: 20000 } }\n";
        _dir.WriteConfig(raw);

        var snapshot = _dir.Load();

        Assert.True(snapshot.Exists);
        Assert.Equal(raw, snapshot.Raw);
        Assert.Equal(ConfigHash.OfRaw(raw), snapshot.Hash);
        Assert.StartsWith("sha256:", snapshot.Hash, StringComparison.Ordinal);
        Assert.Equal(71, snapshot.Hash.Length);
        Assert.Equal(20000, snapshot.Config.Gateway.Port);
    }

    [Fact]
    public void Load_TypeError_NamesFileLineColumnAndKeyPath()
    {
        _dir.WriteConfig("""
            {
              gateway: {
                mode: "local",
                port: "18789",
              },
            }
            """);

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Equal("openclaw.json:4:11: gateway.port: expected an integer 1-65535, got string", error.Message);
        Assert.Equal(new ConfigIssue("gateway.port", "expected an integer 1-65535, got string"), Assert.Single(error.Issues));
        Assert.Equal(_dir.ConfigPath, error.ConfigPath);
    }

    [Theory]
    [InlineData("{ gateway: { port: 70000 } }", "gateway.port: expected an integer 1-65535, got 70000")]
    [InlineData("{ gateway: { port: 80.5 } }", "gateway.port: expected an integer 1-65535, got 80.5")]
    [InlineData("{ gateway: { port: NaN } }", "gateway.port: expected an integer 1-65535, got NaN")]
    [InlineData("{ gateway: { port: Infinity } }", "gateway.port: expected an integer 1-65535, got Infinity")]
    [InlineData("{ gateway: { bind: 'public' } }", "gateway.bind: expected one of auto, lan, loopback, custom, tailnet, got 'public'")]
    [InlineData("{ gateway: { mode: 'cloud' } }", "gateway.mode: expected one of local, remote, got 'cloud'")]
    [InlineData("{ gateway: { auth: { mode: 'oauth' } } }", "gateway.auth.mode: expected one of none, token, password, trusted-proxy, got 'oauth'")]
    [InlineData("{ gateway: { auth: { rateLimit: { maxAttempts: 0 } } } }", "gateway.auth.rateLimit.maxAttempts: expected an integer >= 1, got 0")]
    [InlineData("{ gateway: { controlUi: { enabled: 'yes' } } }", "gateway.controlUi.enabled: expected a boolean, got string")]
    [InlineData("{ gateway: { controlUi: { allowedOrigins: ['a', 3] } } }", "gateway.controlUi.allowedOrigins[1]: expected a string, got number")]
    [InlineData("{ gateway: [] }", "gateway: expected an object, got array")]
    [InlineData("{ session: { dmScope: 'per-room' } }", "session.dmScope: expected one of main, per-peer, per-channel-peer, per-account-channel-peer, got 'per-room'")]
    [InlineData("{ session: { scope: 'everyone' } }", "session.scope: expected one of per-sender, global, got 'everyone'")]
    [InlineData("{ session: { mainKey: '' } }", "session.mainKey: expected a non-empty string, got an empty string")]
    [InlineData("{ logging: { level: 'loud' } }", "logging.level: expected one of silent, fatal, error, warn, info, debug, trace, got 'loud'")]
    [InlineData("{ models: { providers: { x: { models: [{ name: 'no id' }] } } } }", "models.providers.x.models[0].id: required")]
    [InlineData("{ models: { providers: { x: { timeoutSeconds: -1 } } } }", "models.providers.x.timeoutSeconds: expected an integer >= 1, got -1")]
    [InlineData("{ agents: { entries: { 'Bad Id': {} } } }", "agents.entries.Bad Id: agent id must match")]
    [InlineData("{ agents: { defaults: { model: 42 } } }", "agents.defaults.model: expected a model id string or an object")]
    [InlineData("{ channels: { telegram: { enabled: 1 } } }", "channels.telegram.enabled: expected a boolean, got number")]
    [InlineData("{ $schema: 5 }", "$schema: expected a string, got number")]
    public void Load_InvalidValue_FailsWithPathAndReason(string text, string expected)
    {
        _dir.WriteConfig(text);

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("openclaw.json:1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralErrors_ReportsAllOfThem()
    {
        _dir.WriteConfig("{ gateway: { port: 'x', bind: 'y' }, session: { scope: 'z' } }");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Equal(["gateway.port", "gateway.bind", "session.scope"], error.Errors.Select(e => e.Path));
        Assert.Contains("(and 2 more)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SyntaxError_NamesFileLineAndColumn()
    {
        _dir.WriteConfig("{\n  gateway: {\n    port: 1\n  }\n  }\n}");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.StartsWith("openclaw.json:6:1: unexpected character '}' after the end of the document", error.Message, StringComparison.Ordinal);
        Assert.IsType<Json5.ConfigParseException>(error.InnerException);
    }

    [Fact]
    public void Load_NonObjectRoot_Fails()
    {
        _dir.WriteConfig("[1]");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Contains("expected the config to be an object, got array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownTopLevelKey_FailsAtTheKey()
    {
        _dir.WriteConfig("{\n  gateway: {},\n  gatewya: { port: 1 },\n}");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load());

        Assert.Equal("openclaw.json:3:3: gatewya: unknown top-level key (not part of the OpenClaw config schema)", error.Message);
    }

    [Fact]
    public void Load_KnownButUnimplementedSections_AreWarnings()
    {
        _dir.WriteConfig("{ cron: { enabled: true }, hooks: {}, bindings: [], meta: { lastTouchedVersion: '2026.9.6' }, env: {} }");

        var snapshot = _dir.Load();

        Assert.Equal(
            ["cron: not implemented by this gateway yet; ignored", "hooks: not implemented by this gateway yet; ignored", "bindings: not implemented by this gateway yet; ignored"],
            snapshot.Warnings.Select(w => w.Message));
        Assert.Equal(["cron", "hooks", "bindings"], snapshot.Warnings.Select(w => w.Path));
    }

    [Fact]
    public void Load_EnvReferences_AreSubstitutedOrKeptWithWarningOrEscaped()
    {
        _dir.WriteConfig("""
            {
              gateway: { auth: { token: "${GATEWAY_TOKEN}" } },
              logging: { file: "${LOG_ROOT}/gw-${MISSING_VAR}.log" },
              agents: { defaults: { workspace: "$${HOME_DIR}/ws and ${lower} and $5" } },
              models: { providers: { p: { apiKey: "${FROM_CONFIG_ENV}", baseUrl: "${EMPTY_VAR}" } } },
              env: { vars: { FROM_CONFIG_ENV: "cfg-value" } },
            }
            """);
        var env = new Dictionary<string, string> { ["GATEWAY_TOKEN"] = "tok-123", ["LOG_ROOT"] = "/var/log", ["EMPTY_VAR"] = "" };

        var snapshot = _dir.Load(env);

        Assert.Equal("tok-123", snapshot.Config.Gateway.Auth.Token);
        Assert.Equal("/var/log/gw-${MISSING_VAR}.log", snapshot.Config.Logging.File);
        Assert.Equal("${HOME_DIR}/ws and ${lower} and $5", snapshot.Config.Agents.Defaults.Workspace);
        Assert.Equal("cfg-value", snapshot.Config.Models.Providers["p"].ApiKey);
        Assert.Equal("${EMPTY_VAR}", snapshot.Config.Models.Providers["p"].BaseUrl);
        Assert.Equal("tok-123", (string?)snapshot.Parsed["gateway"]!["auth"]!["token"]);
        Assert.Equal(
            [new ConfigIssue("logging.file", "environment variable MISSING_VAR is not set; '${MISSING_VAR}' kept literally"),
             new ConfigIssue("models.providers.p.baseUrl", "environment variable EMPTY_VAR is not set; '${EMPTY_VAR}' kept literally")],
            snapshot.Warnings);
    }

    [Fact]
    public void Load_EnvSubstitutedValueWithWrongType_StillPointsAtTheLine()
    {
        _dir.WriteConfig("{\n  gateway: {\n    bind: '${BIND}',\n  },\n}");

        var error = Assert.Throws<ConfigLoadException>(() => _dir.Load(new Dictionary<string, string> { ["BIND"] = "everywhere" }));

        Assert.StartsWith("openclaw.json:3:11: gateway.bind: expected one of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LegacyAgentsList_IsMigratedToEntriesWithWarning()
    {
        _dir.WriteConfig("""
            {
              agents: {
                list: [
                  { id: "main", name: "Main" },
                  { id: "Work", default: true, workspace: "~/work", model: "openai/gpt-5", tools: { deny: ["exec"] } },
                ],
              },
            }
            """);

        var snapshot = _dir.Load();

        var agents = snapshot.Config.Agents;
        Assert.Equal(["main", "work"], agents.Entries.Keys.Order());
        Assert.Equal("Main", agents.Entries["main"].Name);
        Assert.Equal("openai/gpt-5", agents.Entries["work"].Model!.Primary);
        Assert.Equal(["exec"], agents.Entries["work"].Tools!.Deny);
        Assert.Equal("work", agents.DefaultAgentId);
        Assert.Contains(snapshot.Warnings, w => w.Path == "agents.list" && w.Message.Contains("migrated to agents.entries", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_AgentEntries_BindAllFieldsAndChooseDefault()
    {
        _dir.WriteConfig("""
            {
              agents: {
                defaults: { workspace: "/ws", model: { primary: "a/b", fallbacks: ["c/d"] }, thinking: "low", maxConcurrent: 4, timeoutSeconds: 600 },
                entries: {
                  ops: { name: "Ops", identity: { emoji: "🦞" } },
                  helper: {},
                },
              },
            }
            """);

        var agents = _dir.Load().Config.Agents;

        Assert.Equal("ops", agents.DefaultAgentId);
        Assert.Equal("🦞", (string?)agents.Entries["ops"].Identity!["emoji"]);
        Assert.Equal(("/ws", "a/b", "low", 4, 600), (agents.Defaults.Workspace, agents.Defaults.Model!.Primary, agents.Defaults.Thinking, agents.Defaults.MaxConcurrent, agents.Defaults.TimeoutSeconds));
        Assert.Equal(["c/d"], agents.Defaults.Model.Fallbacks);
    }

    [Fact]
    public void Load_ChannelsAndGatewayDetails_AreBound()
    {
        _dir.WriteConfig("""
            {
              gateway: {
                http: { endpoints: { chatCompletions: { enabled: true } } },
                controlUi: { basePath: "ui/", allowedOrigins: ["https://x"] },
                auth: { mode: "password", password: "pw", rateLimit: { lockoutMs: 0 } },
              },
              channels: {
                defaults: { groupPolicy: "open" },
                telegram: { botToken: "123:abc", accounts: { alerts: { botToken: "456:def" } }, defaultAccount: "alerts" },
                discord: { enabled: false, token: "d" },
              },
              session: { mainKey: "Home", dmScope: "per-channel-peer" },
            }
            """);

        var config = _dir.Load().Config;

        Assert.True(config.Gateway.Http.ChatCompletionsEnabled);
        Assert.False(config.Gateway.Http.ResponsesEnabled);
        Assert.Equal("/ui", config.Gateway.ControlUi.BasePath);
        Assert.Equal(("password", "pw", 0), (config.Gateway.Auth.Mode, config.Gateway.Auth.Password, config.Gateway.Auth.RateLimit.LockoutMs));
        Assert.Equal(["discord", "telegram"], config.Channels.Keys.Order());
        Assert.True(config.Channels["telegram"].Enabled);
        Assert.False(config.Channels["discord"].Enabled);
        Assert.Equal("alerts", config.Channels["telegram"].DefaultAccount);
        Assert.Equal("456:def", (string?)config.Channels["telegram"].Accounts["alerts"]["botToken"]);
        Assert.Equal("123:abc", (string?)config.Channels["telegram"].Raw["botToken"]);
        Assert.Equal(("home", "per-channel-peer"), (config.Session.MainKey, config.Session.DmScope));
    }

    [Fact]
    public void Load_RealisticOpenClawConfig_LoadsWithWarningsOnly()
    {
        _dir.WriteConfig(RealisticConfig.Text);

        var snapshot = _dir.Load(new Dictionary<string, string> { ["TELEGRAM_BOT_TOKEN"] = "7000:telegram-secret" });

        var config = snapshot.Config;
        Assert.Equal((28789, "token", "gw-secret-token"), (config.Gateway.Port, config.Gateway.Auth.Mode, config.Gateway.Auth.Token));
        Assert.Equal("replace", config.Models.Mode);
        var provider = config.Models.Providers["stub"];
        Assert.Equal(("http://127.0.0.1:28800/v1", "openai-completions", 120), (provider.BaseUrl, provider.Api, provider.TimeoutSeconds));
        var model = Assert.Single(provider.Models);
        Assert.Equal(("stub-echo", "Stub Echo", false, 128000, 4096), (model.Id, model.Name, model.Reasoning, model.ContextWindow!.Value, model.MaxTokens!.Value));
        Assert.Equal(["text"], model.Input);
        Assert.Equal("stub/stub-echo", config.Agents.Defaults.Model!.Primary);
        Assert.Equal(["main"], config.Agents.Entries.Keys);
        Assert.Equal("7000:telegram-secret", (string?)config.Channels["telegram"].Raw["botToken"]);
        Assert.Equal(["bindings", "cron", "hooks"], snapshot.Warnings.Select(w => w.Path).Order());
    }
}
