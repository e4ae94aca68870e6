namespace OpenClaw.Bench.Measuring;

/// <summary>Counts failures of a phase and keeps the first message, which usually explains the rest.</summary>
internal sealed class FailureLog
{
    private int _count;
    private string? _first;

    public int Count => Volatile.Read(ref _count);
    public string? First => Volatile.Read(ref _first);

    public void Add(Exception exception)
    {
        Interlocked.Increment(ref _count);
        Interlocked.CompareExchange(ref _first, $"{exception.GetType().Name}: {exception.Message}", null);
    }

    public override string ToString() => Count == 0 ? "" : $"{Count} failed (first: {First})";
}
