namespace OpenClaw.Bench;

/// <summary>Parses the bench flags; <c>--quick</c> first picks the smoke-run sizes, later flags override single sizes.</summary>
internal static class BenchCommandLine
{
    public const string Usage = """
        Usage: OpenClaw.Bench [--quick] [--silo PATH/OpenClaw.Silo.dll] [--startup-runs N]
                              [--handshakes N] [--handshake-concurrency N]
                              [--rpc-requests N] [--rpc-seconds S] [--rpc-warmup-seconds S]
                              [--rpc-loads CxK,CxK,...] [--idle CONN,CONN,...] [--idle-settle-seconds S] [--max-gateway-rss-mb N]
                              [--client-mode cli|probe] [--only all|foundation|chat]
                              [--chat-runs N] [--chat-seconds S] [--chat-sessions N,N,...]
                              [--chat-turns-per-session N] [--chat-warmup-seconds S] [--chat-think-ms MS] [--fsync on|off|both]
                              [--streaming-sessions N] [--streaming-connections N] [--streaming-wait-seconds S]
        Starts the gateway (Release build of silo/) on 127.0.0.1 and prints a markdown table.
        The chat phase runs once per --fsync mode (default both: OPENCLAW_FSYNC=1, then 0), each on a fresh gateway;
        each session key gets at most --chat-turns-per-session turns (default 10), then its sender moves to a fresh key.
        Next to each closed-loop row of more than one session, a paced row: each session sends its next message a think
        time drawn per turn from [T/2, 3T/2] after its previous final, T = --chat-think-ms (default 100; 0: no paced rows).
        Default run takes about 3-4 minutes (chat phase alone about 1 minute); --quick about 30 seconds.
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? BenchOptions.Quick : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--quick" => options,
                "--client-mode" => options with { ClientMode = Value() is "cli" or "probe" ? args[i]
                    : throw new ArgumentException("--client-mode is cli or probe.") },
                "--only" => options with { Only = Value() is "all" or "foundation" or "chat" ? args[i]
                    : throw new ArgumentException("--only is all, foundation or chat.") },
                "--chat-runs" => options with { ChatRuns = PositiveInt(name, Value()) },
                "--chat-seconds" => options with { ChatTimeLimit = TimeSpan.FromSeconds(PositiveInt(name, Value())) },
                "--chat-sessions" => options with { ChatSessionCounts = ParseCounts(name, Value()) },
                "--chat-turns-per-session" => options with { ChatTurnsPerSessionKey = PositiveInt(name, Value()) },
                "--fsync" => options with { ChatFsyncModes = Value() switch
                {
                    "on" => [true],
                    "off" => [false],
                    "both" => [true, false],
                    _ => throw new ArgumentException("--fsync is on, off or both."),
                } },
                "--chat-warmup-seconds" => options with { ChatWarmUp = TimeSpan.FromSeconds(PositiveInt(name, Value())) },
                "--chat-think-ms" => options with { ChatThinkTime = TimeSpan.FromMilliseconds(
                    int.TryParse(Value(), out var ms) && ms >= 0 ? ms : throw new ArgumentException("--chat-think-ms must be 0 or more.")) },
                "--streaming-sessions" => options with { StreamingSessions = PositiveInt(name, Value()) },
                "--streaming-connections" => options with { StreamingConnections = PositiveInt(name, Value()) },
                "--streaming-wait-seconds" => options with { StreamingWaitLimit = TimeSpan.FromSeconds(PositiveInt(name, Value())) },
                "--silo" => options with { SiloPath = Value() },
                "--startup-runs" => options with { StartupRuns = PositiveInt(name, Value()) },
                "--handshakes" => options with { Handshakes = PositiveInt(name, Value()) },
                "--handshake-concurrency" => options with { HandshakeConcurrency = PositiveInt(name, Value()) },
                "--rpc-requests" => options with { RpcMaxRequests = PositiveInt(name, Value()) },
                "--rpc-seconds" => options with { RpcTimeLimit = TimeSpan.FromSeconds(PositiveInt(name, Value())) },
                "--rpc-warmup-seconds" => options with { RpcWarmUp = TimeSpan.FromSeconds(PositiveInt(name, Value())) },
                "--rpc-loads" => options with { RpcLoads = ParseLoads(Value()) },
                "--idle" => options with { IdleConnectionCounts = ParseCounts(name, Value()) },
                "--idle-settle-seconds" => options with { IdleSettle = TimeSpan.FromSeconds(PositiveInt(name, Value())) },
                "--max-gateway-rss-mb" => options with { MaxGatewayRssMegabytes = PositiveInt(name, Value()) },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        return options;
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive integer.");

    private static IReadOnlyList<int> ParseCounts(string name, string value) =>
        [.. value.Split(',').Select(v => PositiveInt(name, v)).Order()];

    private static IReadOnlyList<RpcLoad> ParseLoads(string value) =>
        [.. value.Split(',').Select(part =>
        {
            var cxk = part.Split('x');
            return cxk.Length == 2
                ? new RpcLoad(PositiveInt("--rpc-loads", cxk[0]), PositiveInt("--rpc-loads", cxk[1]))
                : throw new ArgumentException("--rpc-loads takes CONNECTIONSxINFLIGHT pairs, e.g. 1x1,4x4,16x16.");
        })];
}
