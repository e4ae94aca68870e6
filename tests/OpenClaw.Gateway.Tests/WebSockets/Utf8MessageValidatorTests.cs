using System.Text;
using OpenClaw.Gateway.WebSockets;

namespace OpenClaw.Gateway.Tests.WebSockets;

public sealed class Utf8MessageValidatorTests
{
    private static readonly byte[] Mixed = Encoding.UTF8.GetBytes("aü€😀z\u0800\uFFFD");

    [Fact]
    public void Append_ValidTextSplitAtEveryPair_Valid()
    {
        for (var first = 0; first <= Mixed.Length; first++)
        {
            for (var second = first; second <= Mixed.Length; second++)
            {
                var validator = default(Utf8MessageValidator);
                Assert.True(validator.Append(Mixed.AsSpan(0, first)));
                Assert.True(validator.Append(Mixed.AsSpan(first, second - first)));
                Assert.True(validator.Append(Mixed.AsSpan(second)));
                Assert.True(validator.IsComplete);
            }
        }
    }

    [Fact]
    public void Append_OneByteAtATime_Valid()
    {
        var validator = default(Utf8MessageValidator);
        foreach (var value in Mixed)
        {
            Assert.True(validator.Append([value]));
        }

        Assert.True(validator.IsComplete);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })] // overlong
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF
    [InlineData(new byte[] { 0x80 })] // lone continuation
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xE2, 0x28, 0xA1 })]
    public void Append_InvalidSequenceInAnySplit_Invalid(byte[] invalid)
    {
        for (var cut = 0; cut <= invalid.Length; cut++)
        {
            var validator = default(Utf8MessageValidator);
            var valid = validator.Append(invalid.AsSpan(0, cut)) && validator.Append(invalid.AsSpan(cut)) && validator.IsComplete;
            Assert.False(valid);
        }
    }

    [Fact]
    public void Append_EndsInsideSequence_NotComplete()
    {
        var validator = default(Utf8MessageValidator);
        Assert.True(validator.Append([0xF0, 0x9F, 0x98]));
        Assert.False(validator.IsComplete);
    }
}
