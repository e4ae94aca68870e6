using System.Text;
using OpenClaw.Grains.Agents.Tools.Exec;

namespace OpenClaw.Grains.Tests.Tools;

/// <summary>The exec output buffer keeps the start and the end and says how much of the middle it dropped.</summary>
public sealed class OutputCaptureTests
{
    [Fact]
    public void OutputCapture_UnderTheCap_KeepsEverything()
    {
        var capture = new OutputCapture(4, 4);

        capture.Append("abcdef"u8);

        Assert.Equal("abcdef", capture.ToText());
        Assert.Equal(6, capture.TotalBytes);
    }

    [Fact]
    public void OutputCapture_OverTheCap_KeepsHeadAndTailWithATruncationNote()
    {
        var capture = new OutputCapture(4, 4);

        foreach (var chunk in new[] { "0123", "4567", "89ab", "cdef" }) capture.Append(Encoding.UTF8.GetBytes(chunk));

        Assert.Equal("0123\n[… 8 bytes truncated …]\ncdef", capture.ToText());
        Assert.Equal(16, capture.TotalBytes);
    }
}
