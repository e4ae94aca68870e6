using System.Diagnostics;
using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;

namespace OpenClaw.Bench.Benchmarks;

/// <summary>Keeps a fixed number of <c>health</c> requests in flight on one connection. A single loop receives,
/// matches the response to its slot by id, records the latency and refills that slot, so there is no lock,
/// no per-request allocation and no second task per connection.</summary>
internal sealed class RpcConnectionDriver(GatewayConnection connection, int connectionIndex, int inFlight)
{
    /// <summary>Ids are <c>connectionIndex·10¹² + round·inFlight + slot</c>: unique per run and mapped back to a slot.</summary>
    private const long ConnectionStride = 1_000_000_000_000;

    private readonly HealthRequestFrame _frame = new();
    private readonly long[] _expectedId = new long[inFlight];
    private readonly long[] _sentAt = new long[inFlight];
    private readonly long[] _round = new long[inFlight];

    public long ErrorResponses { get; private set; }

    /// <summary>The first <c>ok:false</c> response, shortened, so the table can say why requests failed.</summary>
    public string? FirstError { get; private set; }

    public async Task RunAsync(WorkBudget budget, LatencyRecorder latencies, CancellationToken cancellationToken)
    {
        var outstanding = 0;
        for (var slot = 0; slot < inFlight && budget.TryTake(); slot++)
        {
            await SendAsync(slot, cancellationToken);
            outstanding++;
        }

        while (outstanding > 0)
        {
            var message = await connection.ReceiveAsync(cancellationToken)
                ?? throw new InvalidOperationException(
                    $"The gateway closed the connection ({connection.Socket.CloseStatus} {connection.Socket.CloseStatusDescription}).");
            var header = FrameHeader.Read(message.Span);
            if (header.Kind != FrameKind.Response || header.Id < 0 || !TryFindSlot(header.Id, out var slot))
                continue; // events (tick, health, presence…) and foreign ids

            var receivedAt = Stopwatch.GetTimestamp();
            latencies.Record(receivedAt - _sentAt[slot]);
            _expectedId[slot] = -1;
            if (!header.Ok && ErrorResponses++ == 0)
                FirstError = ErrorText.Shorten(message.Span);
            if (budget.TryTake())
                await SendAsync(slot, cancellationToken);
            else
                outstanding--;
        }
    }

    private bool TryFindSlot(long id, out int slot)
    {
        slot = (int)(id % ConnectionStride % inFlight);
        return _expectedId[slot] == id;
    }

    private ValueTask SendAsync(int slot, CancellationToken cancellationToken)
    {
        var id = connectionIndex * ConnectionStride + _round[slot]++ * inFlight + slot;
        _expectedId[slot] = id;
        _sentAt[slot] = Stopwatch.GetTimestamp();
        return connection.SendAsync(_frame.WithId(id), cancellationToken);
    }
}
