using System.Text;
using OpenClaw.Grains.Agents.Tools.Files;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Tools;

/// <summary>read returns a window of a text file in the workspace, capped, and refuses binaries and paths outside.</summary>
public sealed class ReadToolTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly string _workspace;
    private readonly ReadTool _read = new();

    public ReadToolTests() => _workspace = Directory.CreateDirectory(_root.File("ws")).FullName;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Read_TextFile_ReturnsItsContent()
    {
        File.WriteAllText(Path.Combine(_workspace, "notes.md"), "one\ntwo\nthree\n");

        var result = await _read.InvokeAsync("""{"path":"notes.md"}""", _workspace);

        Assert.False(result.IsError, result.Content);
        Assert.Equal("one\ntwo\nthree", result.Content);
    }

    [Fact]
    public async Task Read_OffsetAndLimitWithLineNumbers_ReturnsThatWindowAndHowToContinue()
    {
        File.WriteAllLines(Path.Combine(_workspace, "lines.txt"), Enumerable.Range(1, 10).Select(i => $"line {i}"));

        var result = await _read.InvokeAsync("""{"path":"lines.txt","offset":3,"limit":2,"lineNumbers":true}""", _workspace);

        Assert.Equal("     3\tline 3\n     4\tline 4\n\n[more lines follow; continue with offset=5]", result.Content);
    }

    [Fact]
    public async Task Read_OffsetPastTheEnd_IsAnError()
    {
        File.WriteAllText(Path.Combine(_workspace, "short.txt"), "a\nb\n");

        var result = await _read.InvokeAsync("""{"path":"short.txt","offset":10}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("beyond the end", result.Content);
    }

    [Fact]
    public async Task Read_HugeFile_IsCappedWithAContinuationOffset()
    {
        var line = new string('x', 1000);
        File.WriteAllLines(Path.Combine(_workspace, "big.txt"), Enumerable.Repeat(line, 500));

        var result = await _read.InvokeAsync("""{"path":"big.txt"}""", _workspace);

        Assert.False(result.IsError);
        Assert.True(result.Content.Length <= ReadTool.MaxOutputChars + 100, $"length {result.Content.Length}");
        Assert.Contains("[output capped at 50000 characters; continue with offset=50]", result.Content);
    }

    [Fact]
    public async Task Read_BinaryFile_IsAnError()
    {
        File.WriteAllBytes(Path.Combine(_workspace, "image.bin"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]);

        var result = await _read.InvokeAsync("""{"path":"image.bin"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("binary", result.Content);
    }

    [Fact]
    public async Task Read_MissingFile_IsAnErrorNamingIt()
    {
        var result = await _read.InvokeAsync("""{"path":"nope.txt"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("file not found: 'nope.txt'", result.Content);
    }

    [Fact]
    public async Task Read_ParentTraversal_IsRefused()
    {
        _root.Write("secret.txt", "top secret");

        var result = await _read.InvokeAsync("""{"path":"../secret.txt"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("outside the workspace", result.Content);
        Assert.DoesNotContain("top secret", result.Content);
    }

    [Fact]
    public async Task Read_SymlinkToAFileOutside_IsRefused()
    {
        var secret = _root.Write("secret.txt", "top secret");
        File.CreateSymbolicLink(Path.Combine(_workspace, "innocent.txt"), secret);

        var result = await _read.InvokeAsync("""{"path":"innocent.txt"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("outside the workspace", result.Content);
        Assert.DoesNotContain("top secret", result.Content);
    }

    [Fact]
    public async Task Read_Utf8WithBom_DropsTheBom()
    {
        File.WriteAllText(Path.Combine(_workspace, "bom.txt"), "héllo", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = await _read.InvokeAsync("""{"path":"bom.txt"}""", _workspace);

        Assert.Equal("héllo", result.Content);
    }
}
