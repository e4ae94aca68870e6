using OpenClaw.Gateway.Hosting;

namespace OpenClaw.Silo;

/// <summary>Parses the silo's flags (<c>--port</c>, <c>--bind</c>, <c>--token</c>, <c>--password</c>, <c>--state-dir</c>, <c>--config</c>).</summary>
internal static class SiloCommandLine
{
    public const string Usage = """
        Usage: OpenClaw.Silo [--port N] [--bind loopback|lan|auto|custom] [--token T] [--password P]
                             [--state-dir DIR] [--config FILE]
        Starts the embedded OpenClaw gateway (grains + WebSocket/HTTP front tier in one process).
        Environment: OPENCLAW_STATE_DIR, OPENCLAW_CONFIG_PATH, OPENCLAW_GATEWAY_PORT, OPENCLAW_GATEWAY_TOKEN,
                     OPENCLAW_GATEWAY_PASSWORD. Flags win over the environment, which wins over the config file.
        """;

    public static EmbeddedHostOptions Parse(IReadOnlyList<string> args)
    {
        int? port = null;
        string? bind = null, token = null, password = null, stateDir = null, config = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value."));
            switch (name)
            {
                case "--port":
                    port = int.TryParse(Value(), out var p) && p is > 0 and <= 65535
                        ? p : throw new ArgumentException("--port must be an integer between 1 and 65535.");
                    break;
                case "--bind": bind = Value(); break;
                case "--token": token = Value(); break;
                case "--password": password = Value(); break;
                case "--state-dir": stateDir = Value(); break;
                case "--config": config = Value(); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        return new EmbeddedHostOptions
        {
            StateDirectory = stateDir,
            ConfigPath = config,
            Overrides = new GatewayOverrides(port, bind, token, password),
        };
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=');
        return eq > 0 && arg.StartsWith("--", StringComparison.Ordinal) ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }
}
