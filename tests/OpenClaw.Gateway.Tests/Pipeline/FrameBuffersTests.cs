using OpenClaw.Gateway.Connections;
using Xunit;

namespace OpenClaw.Gateway.Tests.Pipeline;

public sealed class FrameBuffersTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(FrameBuffers.SharedPoolLimit)]
    [InlineData(FrameBuffers.SharedPoolLimit + 1)]
    [InlineData(300 * 1024)]
    [InlineData(5 * 1024 * 1024)]
    public void PooledBufferWriter_FrameOfAnySize_KeepsItsBytesAndGoesBackToItsPool(int size)
    {
        // Twice, so the second round reuses what the first returned (a wrong pool would throw on Return).
        for (var round = 0; round < 2; round++)
        {
            var frame = WriteFrame(size, (byte)(round + 1));
            Assert.Equal(size, frame.Length);
            Assert.True(frame.Span.IndexOfAnyExcept((byte)(round + 1)) < 0);
            frame.Return();
        }
    }

    [Fact]
    public void Rent_OverTheSharedLimit_ComesFromTheLargePoolAndReturnsWithoutError()
    {
        var rented = Enumerable.Range(0, 8).Select(_ => FrameBuffers.Rent(FrameBuffers.SharedPoolLimit * 3)).ToList();
        Assert.All(rented, buffer => Assert.True(buffer.Length >= FrameBuffers.SharedPoolLimit * 3));
        // More than the large pool keeps per size: the extra arrays are dropped, not an error.
        foreach (var buffer in rented) FrameBuffers.Return(buffer);
    }

    private static OutboundFrame WriteFrame(int size, byte value)
    {
        using var writer = new PooledBufferWriter(256);
        var left = size;
        while (left > 0)
        {
            var span = writer.GetSpan(Math.Min(left, 1000));
            var count = Math.Min(left, Math.Min(span.Length, 4096));
            span[..count].Fill(value);
            writer.Advance(count);
            left -= count;
        }
        return writer.Detach();
    }
}
