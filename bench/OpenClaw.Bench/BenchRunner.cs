using OpenClaw.Bench.Benchmarks;
using OpenClaw.Bench.Chat;
using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;
using OpenClaw.Bench.Reporting;
using OpenClaw.TestStubs;

namespace OpenClaw.Bench;

/// <summary>Runs the phases in order, each against the gateway process it needs, and collects their rows.
/// A phase that fails adds a "failed" row and the run goes on.</summary>
internal sealed class BenchRunner(string siloPath, BenchOptions options, Action<string> progress)
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        if (options.Runs("foundation"))
            rows.AddRange(await RunFoundationAsync(cancellationToken));
        if (options.Runs("chat") && !rows.Any(r => r.IsFailure && r.Metric.StartsWith("handshakes, RPC", StringComparison.Ordinal)))
        {
            progress("phase 4/4: chat (zero-delay stub model, fresh gateway)");
            rows.AddRange(await RunChatAsync(cancellationToken));
        }
        return rows;
    }

    private async Task<IReadOnlyList<ResultRow>> RunChatAsync(CancellationToken cancellationToken)
    {
        await using var stub = await OpenAiStubServer.StartAsync([StubGatewayConfig.ModelId]);
        var rows = new List<ResultRow>();
        foreach (var fsync in options.ChatFsyncModes)
        {
            // A fresh gateway per durability mode: the rows differ only in OPENCLAW_FSYNC.
            var mode = fsync ? "fsync on" : "fsync off";
            progress($"chat with {mode} (OPENCLAW_FSYNC={(fsync ? "1" : "0")})");
            var environment = new Dictionary<string, string> { ["OPENCLAW_FSYNC"] = fsync ? "1" : "0" };
            rows.AddRange(await WithGatewayAsync($"chat ({mode})",
                (gateway, _) => new ChatBenchmark(gateway, stub.BaseUrl, options, mode, progress).RunAsync(cancellationToken),
                cancellationToken, StubGatewayConfig.For(stub.BaseUrl), environment));
        }
        return rows;
    }

    private async Task<IReadOnlyList<ResultRow>> RunFoundationAsync(CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        progress("phase 1/4: startup");
        rows.AddRange(await new StartupBenchmark(siloPath, options.StartupRuns, progress).RunAsync(cancellationToken));
        if (rows.All(r => r.IsFailure))
        {
            // A gateway that never became ready would fail every later phase the same way, after the same wait.
            rows.Add(ResultRow.Failed("handshakes, RPC, idle memory", "skipped: the gateway never became ready"));
            return rows;
        }

        progress("phase 2/4: handshakes and health RPC");
        rows.AddRange(await WithGatewayAsync("handshakes and RPC", async (gateway, endpoint) =>
        {
            var results = new List<ResultRow>();
            var cpu = new CpuMeter(gateway.TotalProcessorTime);
            results.AddRange(await new HandshakeBenchmark(endpoint, cpu, options.Handshakes, options.HandshakeConcurrency,
                options.HandshakeTimeLimit).RunAsync(cancellationToken));
            progress(results[^1].Value);
            results.AddRange(await new RpcBenchmark(endpoint, cpu, options, progress).RunAsync(cancellationToken));
            return results;
        }, cancellationToken));

        progress("phase 3/4: idle connection memory (fresh gateway)");
        rows.AddRange(await WithGatewayAsync("idle connection memory", (gateway, endpoint) =>
            new IdleMemoryBenchmark(gateway, endpoint, options, progress).RunAsync(cancellationToken), cancellationToken));
        return rows;
    }

    private async Task<IReadOnlyList<ResultRow>> WithGatewayAsync(
        string phase, Func<GatewayProcess, GatewayEndpoint, Task<IReadOnlyList<ResultRow>>> measure, CancellationToken cancellationToken,
        string? configJson = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var gateway = GatewayProcess.Start(siloPath, configJson, environment);
        try
        {
            await gateway.WaitUntilReadyAsync(ReadyLimit, cancellationToken);
            using var endpoint = new GatewayEndpoint(gateway.WebSocketUri, gateway.Token, options.ClientMode);
            return await measure(gateway, endpoint);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            progress($"{phase} failed: {ex}\n--- gateway output (last lines) ---\n{gateway.RecentOutput}");
            return [ResultRow.Failed(phase, $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}")];
        }
    }
}
