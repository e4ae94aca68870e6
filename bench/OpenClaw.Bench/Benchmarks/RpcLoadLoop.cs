using System.Net.Sockets;
using OpenClaw.Bench.Measuring;

namespace OpenClaw.Bench.Benchmarks;

/// <summary>
/// Drives every connection of one load level from a single dedicated thread (wrk's design): wait until some sockets
/// are readable, handle each one's responses, send each one's refills in one write. On two cores shared with the
/// gateway this keeps the load tool to one thread that sleeps whenever the gateway is the one with work to do.
/// </summary>
internal sealed class RpcLoadLoop(IReadOnlyList<RpcConnectionDriver> drivers)
{
    /// <summary>How long one wait for readiness may last before the time bounds are checked again.</summary>
    private const int WaitMicroseconds = 50_000;

    public Task RunAsync(WorkBudget budget, LatencyRecorder latencies, Deadline giveUpAt, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(budget, latencies, giveUpAt, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(WorkBudget budget, LatencyRecorder latencies, Deadline giveUpAt, CancellationToken cancellationToken)
    {
        var bySocket = drivers.ToDictionary(d => d.Connection.Socket);
        var readable = new List<Socket>(drivers.Count);
        var writable = new List<Socket>(drivers.Count);
        foreach (var driver in drivers)
        {
            driver.Start(budget);
            driver.TrySend();
        }

        while (true)
        {
            readable.Clear();
            writable.Clear();
            var outstanding = 0;
            foreach (var driver in drivers)
            {
                outstanding += driver.Outstanding;
                if (driver.Outstanding > 0)
                    readable.Add(driver.Connection.Socket);
                if (driver.Connection.HasUnsentBytes)
                    writable.Add(driver.Connection.Socket);
            }
            if (readable.Count == 0 && writable.Count == 0)
                return;
            cancellationToken.ThrowIfCancellationRequested();
            if (giveUpAt.HasPassed)
                throw new TimeoutException($"{outstanding} health requests were still unanswered when the drain limit passed.");

            Socket.Select(readable.Count > 0 ? readable : null, writable.Count > 0 ? writable : null, null, WaitMicroseconds);
            foreach (var socket in readable)
            {
                var driver = bySocket[socket];
                driver.OnReadable(budget, latencies);
                driver.TrySend();
            }
            foreach (var socket in writable)
                bySocket[socket].TrySend();
        }
    }
}
