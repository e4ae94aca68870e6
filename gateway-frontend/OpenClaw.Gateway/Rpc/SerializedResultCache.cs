namespace OpenClaw.Gateway.Rpc;

/// <summary>
/// The serialized bytes of the last result instance of one method whose results are shared and never change
/// (see <c>RpcMethodTable.Map</c>'s <c>sharedResult</c>). Matching is by reference, so a new instance (a rebuilt
/// snapshot) is serialized once and then replaces the entry. The bytes are only read after this, never written.
/// </summary>
internal sealed class SerializedResultCache
{
    private Entry? _last;

    public byte[] GetOrSerialize(object result, Func<object, object, byte[]> serialize, object state)
    {
        if (Volatile.Read(ref _last) is { } last && ReferenceEquals(last.Result, result))
        {
            return last.Bytes;
        }

        var bytes = serialize(result, state);
        Volatile.Write(ref _last, new Entry(result, bytes));
        return bytes;
    }

    private sealed record Entry(object Result, byte[] Bytes);
}
