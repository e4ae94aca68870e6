namespace OpenClaw.Bench;

/// <summary>Sizes of every benchmark phase. Each loop is bounded by a count and a time limit taken from here.</summary>
internal sealed record BenchOptions
{
    /// <summary>Path to OpenClaw.Silo.dll; found relative to the repository when not given.</summary>
    public string? SiloPath { get; init; }
    /// <summary>Client mode in connect: <c>cli</c> (default, what the CLI sends) or <c>probe</c>
    /// (left out of presence, which separates the cost of a connection from that of presence broadcasts).</summary>
    public string ClientMode { get; init; } = "cli";
    public int StartupRuns { get; init; } = 5;
    public int Handshakes { get; init; } = 2000;
    public int HandshakeConcurrency { get; init; } = 32;
    public TimeSpan HandshakeTimeLimit { get; init; } = TimeSpan.FromSeconds(30);
    public int RpcMaxRequests { get; init; } = 200_000;
    public TimeSpan RpcTimeLimit { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan RpcWarmUp { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>In-flight levels as (connections, in flight per connection).</summary>
    public IReadOnlyList<RpcLoad> RpcLoads { get; init; } = [new(1, 1), new(4, 4), new(16, 16)];
    /// <summary>Idle connection counts at which RSS is sampled, ascending.</summary>
    public IReadOnlyList<int> IdleConnectionCounts { get; init; } = [1000, 5000];
    public int IdleOpenConcurrency { get; init; } = 32;
    public TimeSpan IdleSettle { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>The idle phase stops opening connections once the gateway's RSS passes this, to spare a shared machine.</summary>
    public int MaxGatewayRssMegabytes { get; init; } = 2048;

    /// <summary>Which phases run: <c>all</c>, <c>foundation</c> (startup, handshakes, RPC, idle memory) or <c>chat</c>.</summary>
    public string Only { get; init; } = "all";
    /// <summary>chat.send → final runs per session count (bounded also by <see cref="ChatTimeLimit"/>).</summary>
    public int ChatRuns { get; init; } = 300;
    public TimeSpan ChatTimeLimit { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Runs before each latency row are measured for nothing this long (the gateway's JIT tiers up meanwhile;
    /// on a loaded 2-core machine the tiering thread otherwise takes a third of the gateway's CPU in the row).</summary>
    public TimeSpan ChatWarmUp { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Sessions sending at once in the latency rows, each on its own connection.</summary>
    public IReadOnlyList<int> ChatSessionCounts { get; init; } = [1, 32];
    /// <summary>Turns sent on one session key before the session moves to a fresh key, so that the model call carries
    /// a chat-sized history (at most 2 × this many messages) instead of one that grows with the run count.</summary>
    public int ChatTurnsPerSessionKey { get; init; } = 10;
    /// <summary>Think time of the paced rows: each session sends its next message this long after its previous final
    /// (an open-ish load below saturation, next to the closed-loop rows). Zero leaves the paced rows out.</summary>
    public TimeSpan ChatThinkTime { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>The durability modes measured, each on a fresh gateway with OPENCLAW_FSYNC set to match (true = fsync on).</summary>
    public IReadOnlyList<bool> ChatFsyncModes { get; init; } = [true, false];
    public int StreamingSessions { get; init; } = 1000;
    public int StreamingConnections { get; init; } = 20;
    /// <summary>How long the streaming burst waits for its finals; what has not arrived by then counts as missing.</summary>
    public TimeSpan StreamingWaitLimit { get; init; } = TimeSpan.FromSeconds(60);

    public bool Runs(string phase) => Only == "all" || Only == phase;

    public static BenchOptions Quick { get; } = new()
    {
        StartupRuns = 2,
        Handshakes = 300,
        HandshakeTimeLimit = TimeSpan.FromSeconds(8),
        RpcMaxRequests = 30_000,
        RpcTimeLimit = TimeSpan.FromSeconds(2),
        RpcWarmUp = TimeSpan.FromSeconds(1),
        IdleConnectionCounts = [200, 1000],
        IdleSettle = TimeSpan.FromSeconds(1),
        ChatRuns = 100,
        ChatTimeLimit = TimeSpan.FromSeconds(5),
        ChatWarmUp = TimeSpan.FromSeconds(1),
        StreamingSessions = 200,
        StreamingWaitLimit = TimeSpan.FromSeconds(20),
    };
}

/// <summary>One RPC load level: <see cref="InFlight"/> = connections × in flight per connection.</summary>
internal sealed record RpcLoad(int Connections, int PerConnection)
{
    public int InFlight => Connections * PerConnection;
}
