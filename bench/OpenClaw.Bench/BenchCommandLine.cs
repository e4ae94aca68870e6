namespace OpenClaw.Bench;

/// <summary>Parses the bench flags; <c>--quick</c> first picks the smoke-run sizes, later flags override single sizes.</summary>
internal static class BenchCommandLine
{
    public const string Usage = """
        Usage: OpenClaw.Bench [--quick] [--silo PATH/OpenClaw.Silo.dll] [--startup-runs N]
                              [--handshakes N] [--handshake-concurrency N]
                              [--rpc-requests N] [--rpc-seconds S] [--rpc-warmup-seconds S]
                              [--rpc-loads CxK,CxK,...] [--idle CONN,CONN,...] [--max-gateway-rss-mb N]
                              [--client-mode cli|probe]
        Starts the gateway (Release build of silo/) on 127.0.0.1 and prints a markdown table.
        Default run takes about 2-3 minutes; --quick about 20 seconds.
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
                "--silo" => options with { SiloPath = Value() },
                "--startup-runs" => options with { StartupRuns = PositiveInt(name, Value()) },
                "--handshakes" => options with { Handshakes = PositiveInt(name, Value()) },
                "--handshake-concurrency" => options with { HandshakeConcurrency = PositiveInt(name, Value()) },
                "--rpc-requests" => options with { RpcMaxRequests = PositiveInt(name, Value()) },
                "--rpc-seconds" => options with { RpcTimeLimit = TimeSpan.FromSeconds(PositiveInt(name, Value())) },
                "--rpc-warmup-seconds" => options with { RpcWarmUp = TimeSpan.FromSeconds(PositiveInt(name, Value())) },
                "--rpc-loads" => options with { RpcLoads = ParseLoads(Value()) },
                "--idle" => options with { IdleConnectionCounts = ParseCounts(name, Value()) },
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
