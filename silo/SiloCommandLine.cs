using OpenClaw.Gateway.Hosting;
using OpenClaw.Silo.Cluster;

namespace OpenClaw.Silo;

/// <summary>
/// Parses the silo's flags: <c>--mode embedded|cluster</c>, then for embedded <c>--port</c>, <c>--bind</c>,
/// <c>--token</c>, <c>--password</c>, <c>--state-dir</c>, <c>--config</c>; for cluster <c>--config</c> only.
/// </summary>
internal static class SiloCommandLine
{
    public const string Usage = """
        Usage: OpenClaw.Silo [--mode embedded] [--port N] [--bind loopback|lan|auto|custom] [--token T] [--password P]
                             [--state-dir DIR] [--config FILE]
               OpenClaw.Silo --mode cluster [--config FILE]
        Embedded (default): the OpenClaw gateway, grains + WebSocket/HTTP front tier in one process.
        Environment: OPENCLAW_STATE_DIR, OPENCLAW_CONFIG_PATH, OPENCLAW_GATEWAY_PORT, OPENCLAW_GATEWAY_TOKEN,
                     OPENCLAW_GATEWAY_PASSWORD. Flags win over the environment, which wins over the config file.
        Cluster: grains only, calls from RabbitMQ, state in Azure Blob; /healthz and /readyz on OPENCLAW_HEALTH_PORT.
        Environment: OPENCLAW_RABBITMQ_URI and OPENCLAW_BLOB_CONNECTION_STRING (required), OPENCLAW_NODE_NAME,
                     OPENCLAW_SHARD_COUNT, OPENCLAW_HEALTH_PORT, OPENCLAW_CONFIG_PATH, OPENCLAW_STATE_DIR.
        """;

    /// <summary>Takes <c>--mode</c> out of <paramref name="args"/>; embedded when it is absent.</summary>
    public static (SiloMode Mode, IReadOnlyList<string> Remaining) ParseMode(IReadOnlyList<string> args)
    {
        var mode = SiloMode.Embedded;
        var rest = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            if (name != "--mode")
            {
                rest.Add(args[i]);
                continue;
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException("--mode needs a value."));
            mode = value switch
            {
                "embedded" => SiloMode.Embedded,
                "cluster" => SiloMode.Cluster,
                _ => throw new ArgumentException($"--mode must be 'embedded' or 'cluster', not '{value}'."),
            };
        }
        return (mode, rest);
    }

    /// <summary>Cluster mode takes its settings from the environment (see ClusterEnvironment); only the config file is a flag.</summary>
    public static ClusterSiloOptions ParseCluster(IReadOnlyList<string> args)
    {
        string? config = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            if (name != "--config") throw new ArgumentException($"Option '{args[i]}' is not available with --mode cluster.");
            config = inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException("--config needs a value."));
        }
        return new ClusterSiloOptions { ConfigPath = config };
    }

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
