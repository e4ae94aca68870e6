using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;
using OpenClaw.Bench.Reporting;

namespace OpenClaw.Bench.Chat;

/// <summary>The chat phase against a gateway whose default model is the bench's zero-delay stub: the stub's own
/// latency (direct calls), chat.send → final latency for each session count (closed loop, and paced with think time for
/// more than one session), then the concurrent streaming burst.</summary>
/// <param name="mode">How the gateway was started (e.g. "fsync on"), named in every row.</param>
internal sealed class ChatBenchmark(GatewayProcess gateway, string stubBaseUrl, BenchOptions options, string mode, Action<string> progress)
{
    private static readonly string[] ChatScopes = ["operator.read", "operator.write"];
    private static readonly string[] SessionScopedCaps = ["session-scoped-events"];

    public async Task<IReadOnlyList<ResultRow>> RunAsync(CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        var stub = await new StubDirectCallBenchmark(stubBaseUrl, options.ChatRuns, options.ChatTimeLimit).RunAsync(cancellationToken);
        var stubMedian = stub.Percentile(50);
        rows.Add(new ResultRow($"stub direct call (streaming POST /v1/chat/completions from the bench; before the {mode} rows)",
            $"p50 {Format.Milliseconds(stubMedian)}, p99 {Format.Milliseconds(stub.Percentile(99))} ({Format.Count(stub.Count)} calls); " +
            "subtracted from chat latency as the model's share"));
        progress(rows[^1].Value);

        var cpu = new CpuMeter(gateway.TotalProcessorTime);
        // Session-scoped caps so that with several connections each one receives only its own runs' events.
        using var endpoint = new GatewayEndpoint(gateway.WebSocketUri, gateway.Token, "cli", ChatScopes, SessionScopedCaps);
        foreach (var sessions in options.ChatSessionCounts)
        {
            var row = await new ChatLatencyBenchmark(endpoint, cpu, sessions, options.ChatRuns, options.ChatTimeLimit, options.ChatWarmUp, stubMedian,
                    options.ChatTurnsPerSessionKey, mode)
                .RunAsync(cancellationToken);
            rows.Add(row);
            progress($"{row.Metric}: {row.Value}");
            if (sessions > 1 && options.ChatThinkTime > TimeSpan.Zero)
            {
                // Next to the closed loop (the saturation number), the same sessions below saturation.
                var paced = await new ChatLatencyBenchmark(endpoint, cpu, sessions, options.ChatRuns, options.ChatTimeLimit, options.ChatWarmUp, stubMedian,
                        options.ChatTurnsPerSessionKey, mode, options.ChatThinkTime)
                    .RunAsync(cancellationToken);
                rows.Add(paced);
                progress($"{paced.Metric}: {paced.Value}");
            }
        }

        var burst = await new ChatStreamingBenchmark(endpoint, cpu, options.StreamingSessions, options.StreamingConnections,
            options.StreamingWaitLimit).RunAsync(cancellationToken);
        rows.Add(burst with { Metric = $"{burst.Metric} ({mode})" });
        progress($"{burst.Metric}: {burst.Value}");
        return rows;
    }
}
