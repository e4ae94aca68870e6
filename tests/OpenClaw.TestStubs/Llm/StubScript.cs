namespace OpenClaw.TestStubs;

/// <summary>
/// Decides the reply to each request: a sticky reply for the requested model if one is set, else the next queued
/// reply, else the default (echo unless replaced). The queue is unbounded on purpose: tests enqueue a handful.
/// </summary>
internal sealed class StubScript
{
    private readonly Queue<StubReply> _queue = new();
    private readonly Dictionary<string, StubReply> _byModel = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private StubReply? _default;

    public void Enqueue(StubReply reply)
    {
        lock (_gate)
            _queue.Enqueue(reply);
    }

    public void SetDefault(StubReply? reply)
    {
        lock (_gate)
            _default = reply;
    }

    public void SetForModel(string model, StubReply? reply)
    {
        lock (_gate)
        {
            if (reply is null)
                _byModel.Remove(model);
            else
                _byModel[model] = reply;
        }
    }

    public int Pending
    {
        get
        {
            lock (_gate)
                return _queue.Count;
        }
    }

    public StubReply Next(string? model, Func<StubReply> echo)
    {
        lock (_gate)
        {
            if (model is not null && _byModel.TryGetValue(model, out var sticky))
                return sticky;
            if (_queue.TryDequeue(out var next))
                return next;
            return _default ?? echo();
        }
    }
}
