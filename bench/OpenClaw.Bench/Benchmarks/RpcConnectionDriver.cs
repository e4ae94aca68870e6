using System.Diagnostics;
using OpenClaw.Bench.Client;
using OpenClaw.Bench.Measuring;

namespace OpenClaw.Bench.Benchmarks;

/// <summary>Keeps a fixed number of <c>health</c> requests in flight on one connection. Each request is a frame of its
/// own with its own id; the response is matched to its slot by id, its latency recorded, and the slot refilled. Refills
/// queued while handling one receive leave together in the next send, stamped as sent just before that send.</summary>
internal sealed class RpcConnectionDriver(PipelinedGatewayConnection connection, int connectionIndex, int inFlight)
{
    /// <summary>Ids are <c>connectionIndex·10¹² + round·inFlight + slot</c>: unique per run and mapped back to a slot.</summary>
    private const long ConnectionStride = 1_000_000_000_000;

    private readonly HealthRequestFrame _frame = new();
    private readonly long[] _expectedId = new long[inFlight];
    private readonly long[] _sentAt = new long[inFlight];
    private readonly long[] _round = new long[inFlight];
    /// <summary>Slots queued since the last send; they get their send time when it happens.</summary>
    private readonly int[] _unstamped = new int[inFlight];
    private int _unstampedCount;

    public PipelinedGatewayConnection Connection => connection;

    public int Outstanding { get; private set; }

    public long ErrorResponses { get; private set; }

    /// <summary>The first <c>ok:false</c> response, shortened, so the table can say why requests failed.</summary>
    public string? FirstError { get; private set; }

    /// <summary>Queues the first requests, up to the in-flight level the budget allows.</summary>
    public void Start(WorkBudget budget)
    {
        Array.Fill(_expectedId, -1);
        for (var slot = 0; slot < inFlight && budget.TryTake(); slot++)
        {
            Queue(slot);
            Outstanding++;
        }
    }

    /// <summary>Reads what has arrived, records every matched response and queues the refills.</summary>
    public void OnReadable(WorkBudget budget, LatencyRecorder latencies)
    {
        connection.Receive();
        while (true)
        {
            var result = connection.TryReadMessage(out var message);
            if (result == MessageResult.NeedMore)
                return;
            if (result == MessageResult.Closed)
                throw new InvalidOperationException("The gateway closed the connection (close frame) with requests in flight.");

            var header = FrameHeader.Read(message);
            if (header.Kind != FrameKind.Response || header.Id < 0 || !TryFindSlot(header.Id, out var slot))
                continue; // events (tick, health, presence…) and foreign ids

            latencies.Record(Stopwatch.GetTimestamp() - _sentAt[slot]);
            _expectedId[slot] = -1;
            if (!header.Ok && ErrorResponses++ == 0)
                FirstError = ErrorText.Shorten(message);
            if (budget.TryTake())
                Queue(slot);
            else
                Outstanding--;
        }
    }

    /// <summary>Stamps the queued requests and sends them in one go; false when the socket could not take all yet.</summary>
    public bool TrySend()
    {
        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < _unstampedCount; i++)
            _sentAt[_unstamped[i]] = now;
        _unstampedCount = 0;
        return connection.TrySend();
    }

    private bool TryFindSlot(long id, out int slot)
    {
        slot = (int)(id % ConnectionStride % inFlight);
        return _expectedId[slot] == id;
    }

    private void Queue(int slot)
    {
        var id = connectionIndex * ConnectionStride + _round[slot]++ * inFlight + slot;
        _expectedId[slot] = id;
        _unstamped[_unstampedCount++] = slot;
        connection.Queue(_frame.WithId(id).Span);
    }
}
