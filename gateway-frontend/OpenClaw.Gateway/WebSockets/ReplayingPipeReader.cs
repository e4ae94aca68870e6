using System.IO.Pipelines;

namespace OpenClaw.Gateway.WebSockets;

/// <summary>
/// Hands a transport to Kestrel after <see cref="WebSocketConnectionMiddleware"/> had to wait for more of the request
/// head: the bytes it saw are still unconsumed, but marked examined, so a plain <c>ReadAsync</c> would wait for new
/// data that may never come (the client is waiting for the answer). The first read therefore takes what is already
/// buffered; every later call goes straight to the transport's reader.
/// </summary>
internal sealed class ReplayingPipeReader(PipeReader inner) : PipeReader
{
    private bool _replay = true;

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_replay)
        {
            _replay = false;
            if (inner.TryRead(out var buffered))
            {
                return ValueTask.FromResult(buffered);
            }
        }

        return inner.ReadAsync(cancellationToken);
    }

    public override bool TryRead(out ReadResult result)
    {
        _replay = false;
        return inner.TryRead(out result);
    }

    public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
