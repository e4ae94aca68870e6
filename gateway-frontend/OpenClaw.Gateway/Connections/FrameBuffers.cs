using System.Buffers;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Where outbound frame buffers come from. Small frames use <see cref="ArrayPool{T}.Shared"/>. Frames over
/// <see cref="SharedPoolLimit"/> (hello-ok and presence once many clients are connected: the presence list has one
/// entry per client) come from a pool of their own that keeps at most <see cref="LargeArraysPerSize"/> arrays per size:
/// the shared pool keeps up to 32 arrays per size per core plus one per thread, and a burst of connects left ~20 MB of
/// 128–256 KB arrays parked in it for the life of the process.
/// </summary>
internal static class FrameBuffers
{
    public const int SharedPoolLimit = 32 * 1024;
    private const int LargeArraysPerSize = 4;
    private const int LargestPooledArray = 4 * 1024 * 1024;

    // Immutable reference to a thread-safe pool, like ArrayPool<T>.Shared; bounded by construction.
    private static readonly ArrayPool<byte> Large = ArrayPool<byte>.Create(LargestPooledArray, LargeArraysPerSize);

    public static byte[] Rent(int minimumLength) =>
        minimumLength > SharedPoolLimit ? Large.Rent(minimumLength) : ArrayPool<byte>.Shared.Rent(minimumLength);

    public static void Return(byte[] buffer)
    {
        if (buffer.Length > SharedPoolLimit) Large.Return(buffer);
        else if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
