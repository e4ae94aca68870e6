using System.Text.Json;
using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;
using OpenClaw.Bench.Reporting;

namespace OpenClaw.Bench.Benchmarks;

/// <summary>Gateway RSS idle and with N idle authenticated connections; the cost per connection is
/// (RSS_n − RSS_0) / n. The baseline is taken after a few handshakes so JIT and first-use caches are not billed
/// to connections.</summary>
internal sealed class IdleMemoryBenchmark(GatewayProcess gateway, GatewayEndpoint endpoint, BenchOptions options, Action<string> progress)
{
    private const double TargetKilobytesPerConnection = 20;
    private const int WarmUpHandshakes = 64;
    /// <summary>Connections opened between two RSS checks against the safety cap.</summary>
    private const int GrowStep = 100;
    private static readonly TimeSpan OpenLimit = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        var failures = new FailureLog();
        await WarmUpAsync(failures, cancellationToken);
        await Task.Delay(options.IdleSettle, cancellationToken);
        var baseline = gateway.ReadRssKilobytes();
        var baselineHeap = await HeapTextAsync(cancellationToken);
        rows.Add(new ResultRow("gateway RSS, idle (after a warm-up of 64 handshakes)", $"{Format.Megabytes(baseline)}{baselineHeap}"));
        progress($"RSS idle: {Format.Megabytes(baseline)}{baselineHeap}");

        await using var pool = new IdleConnectionPool(endpoint);
        var capKilobytes = options.MaxGatewayRssMegabytes * 1024L;
        (int Count, long Rss)? previous = null;
        foreach (var count in options.IdleConnectionCounts)
        {
            var deadline = Deadline.After(OpenLimit);
            while (pool.Count < count && !deadline.HasPassed && gateway.ReadRssKilobytes() < capKilobytes)
            {
                var before = pool.Count;
                await pool.GrowToAsync(Math.Min(count, pool.Count + GrowStep), options.IdleOpenConcurrency, failures, OpenLimit, cancellationToken);
                if (pool.Count == before)
                    break; // every attempt failed; the failure log says why
            }
            await Task.Delay(options.IdleSettle, cancellationToken);
            var held = pool.Count - pool.ClosedByGateway;
            var rss = gateway.ReadRssKilobytes();
            var perConnection = held > 0 ? (rss - baseline) / (double)held : double.NaN;
            var value = $"{Format.Megabytes(rss)}; {Format.Kilobytes(perConnection)} per connection{await HeapTextAsync(cancellationToken)}";
            if (held != count)
                value += $" (held {Format.Count(held)} of {Format.Count(count)}{StopReason(rss, capKilobytes, failures)}; closed by gateway: {pool.ClosedByGateway})";
            rows.Add(new ResultRow(
                $"gateway RSS with {Format.Count(count)} idle authenticated connections",
                value,
                $"≤ {TargetKilobytesPerConnection:0} KB per connection",
                held == count && perConnection <= TargetKilobytesPerConnection));
            progress($"RSS with {count} connections: {value}");
            if (held != count)
                break; // larger counts would only hit the same limit again
            if (previous is { } last)
                rows.Add(MarginalRow(last, (count, rss)));
            previous = (count, rss);
        }
        return rows;
    }

    /// <summary>
    /// An extra figure beside the from-empty ones, never instead of them: what each further connection costs once the
    /// GC heap and pools have grown to their working size, (RSS_b − RSS_a) / (b − a).
    /// </summary>
    private ResultRow MarginalRow((int Count, long Rss) from, (int Count, long Rss) to)
    {
        var perConnection = (to.Rss - from.Rss) / (double)(to.Count - from.Count);
        var row = new ResultRow(
            $"gateway RSS per extra idle connection between {Format.Count(from.Count)} and {Format.Count(to.Count)} (slope; the rows above count from empty)",
            $"{Format.Kilobytes(perConnection)} per connection");
        progress($"RSS slope {from.Count}→{to.Count}: {Format.Kilobytes(perConnection)} per connection");
        return row;
    }

    /// <summary>" (managed heap U MB used, C MB committed at the last GC)", or nothing when the gateway could not be asked.</summary>
    private async Task<string> HeapTextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ManagedHeapProbe.ReadAsync(endpoint, cancellationToken) is { } heap
                ? $" (managed heap {Format.Megabytes(heap.Used / 1024)} used, {Format.Megabytes(heap.Committed / 1024)} committed at the last GC)"
                : "";
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Net.WebSockets.WebSocketException or JsonException)
        {
            return "";
        }
    }

    private string StopReason(long rssKilobytes, long capKilobytes, FailureLog failures) =>
        rssKilobytes >= capKilobytes ? $": stopped at the {options.MaxGatewayRssMegabytes} MB RSS safety cap (--max-gateway-rss-mb)"
        : failures.Count > 0 ? $": {failures}"
        : $": not all opened within {OpenLimit.TotalSeconds:0} s";

    private async Task WarmUpAsync(FailureLog failures, CancellationToken cancellationToken)
    {
        for (var i = 0; i < WarmUpHandshakes; i++)
        {
            try
            {
                using var connection = await GatewayConnection.OpenAsync(endpoint, cancellationToken);
                await connection.CloseAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add(ex);
            }
        }
    }
}
