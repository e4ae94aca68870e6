using System.Buffers;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// A FIFO whose storage is rented from <see cref="ArrayPool{T}.Shared"/> while it holds items and given back by
/// <see cref="TrimWhenEmpty"/>, so an idle owner holds no array at all (thousands of idle connections each kept a
/// queue array sized by their largest backlog before). Not thread-safe: the owner locks. A mutable struct: keep it in
/// a field and call it in place, never copy it.
/// </summary>
internal struct PooledRing<T>
{
    private const int FirstCapacity = 8;

    private T[]? _slots;
    private int _head;
    private int _count;

    public readonly int Count => _count;

    public void Enqueue(T item)
    {
        if (_slots is null || _count == _slots.Length)
        {
            Grow();
        }

        _slots![(_head + _count) % _slots.Length] = item;
        _count++;
    }

    public bool TryDequeue(out T item)
    {
        if (_count == 0)
        {
            item = default!;
            return false;
        }

        item = _slots![_head];
        _slots[_head] = default!; // the pool must not keep what the slot referenced alive
        _head = (_head + 1) % _slots.Length;
        _count--;
        return true;
    }

    /// <summary>Gives the array back once nothing is queued.</summary>
    public void TrimWhenEmpty()
    {
        if (_count == 0 && _slots is not null)
        {
            ArrayPool<T>.Shared.Return(_slots);
            _slots = null;
            _head = 0;
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<T>.Shared.Rent(_slots is null ? FirstCapacity : _slots.Length * 2);
        if (_slots is not null)
        {
            for (var i = 0; i < _count; i++)
            {
                larger[i] = _slots[(_head + i) % _slots.Length];
            }

            Array.Clear(_slots);
            ArrayPool<T>.Shared.Return(_slots);
        }

        _slots = larger;
        _head = 0;
    }
}
