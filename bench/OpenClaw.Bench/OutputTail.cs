namespace OpenClaw.Bench;

/// <summary>The last lines a child process wrote, kept for error messages.
/// Bounded: when full, the oldest line is dropped.</summary>
internal sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
        {
            if (_lines.Count == capacity)
                _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }

    public override string ToString()
    {
        lock (_gate)
            return string.Join(Environment.NewLine, _lines);
    }
}
