namespace OpenClaw.Bench.Cluster;

/// <summary>Sizes of the cluster phase (<c>--cluster</c>).</summary>
internal sealed record ClusterBenchOptions
{
    public int Silos { get; init; } = 2;
    public int Fronts { get; init; } = 2;
    public int ShardCount { get; init; } = 64;

    /// <summary>Operator connections per front node that receive every run's chat events.</summary>
    public int WatchersPerFront { get; init; } = 50;

    /// <summary>Runs started for the fan-out measurement, spread over <see cref="FanOutSessions"/> sessions.</summary>
    public int FanOutRuns { get; init; } = 40;
    public int FanOutSessions { get; init; } = 8;

    /// <summary>Streamed chunks per stub answer (each a delta event, unless the gateway coalesces them).</summary>
    public int ChunksPerRun { get; init; } = 20;

    /// <summary>Sequential chat.history calls through one front for the call latency through the broker.</summary>
    public int LatencyCalls { get; init; } = 500;

    /// <summary>kill -9 rounds; each kills the owner of a fresh session's shard and starts a replacement silo.</summary>
    public int FailoverRounds { get; init; } = 3;

    public static ClusterBenchOptions Quick { get; } = new() { WatchersPerFront = 10, FanOutRuns = 10, LatencyCalls = 100, FailoverRounds = 1 };

    public const string Usage = """
        Usage: OpenClaw.Bench --cluster [--quick] [--silos N] [--fronts M] [--shards S] [--watchers N] [--runs N]
                                        [--sessions N] [--chunks N] [--latency-calls N] [--failover-rounds N]
        Starts a local cluster with scripts/local-cluster.sh from the existing Release builds (build silo/ and
        gateway-frontend/OpenClaw.Gateway.Host with -c Release first; RabbitMQ and Azurite from scripts/servers)
        and prints a markdown table: chat event fan-out across the front nodes, call latency through the broker and
        failover time after kill -9 of a silo.
        """;

    public static ClusterBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? Quick : new ClusterBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            int Value() => i + 1 < args.Count && int.TryParse(args[++i], out var n) && n > 0
                ? n : throw new ArgumentException($"{name} needs a positive integer.");
            options = name switch
            {
                "--quick" => options,
                "--silos" => options with { Silos = Value() },
                "--fronts" => options with { Fronts = Value() },
                "--shards" => options with { ShardCount = Value() },
                "--watchers" => options with { WatchersPerFront = Value() },
                "--runs" => options with { FanOutRuns = Value() },
                "--sessions" => options with { FanOutSessions = Value() },
                "--chunks" => options with { ChunksPerRun = Value() },
                "--latency-calls" => options with { LatencyCalls = Value() },
                "--failover-rounds" => options with { FailoverRounds = Value() },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        return options.Silos < 2 ? throw new ArgumentException("--silos must be at least 2 (failover needs a survivor).") : options;
    }
}
