namespace OpenClaw.Actors.RabbitMq.Tests.Streams.Support;

/// <summary>What a test handler received, in arrival order; safe to read while the handler runs.</summary>
public sealed class Received<T>
{
    private readonly Lock _lock = new();
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_lock) return _items.Count;
        }
    }

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_lock) return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_lock) _items.Add(item);
    }

    public Task Handler(T item, CancellationToken cancellationToken)
    {
        Add(item);
        return Task.CompletedTask;
    }
}
