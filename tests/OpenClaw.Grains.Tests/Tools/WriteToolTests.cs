using OpenClaw.Grains.Agents.Tools.Files;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Tools;

/// <summary>write creates or replaces files inside the workspace only, creating parent directories.</summary>
public sealed class WriteToolTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly string _workspace;
    private readonly WriteTool _write = new();

    public WriteToolTests() => _workspace = Directory.CreateDirectory(_root.File("ws")).FullName;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Write_NewFileInNewDirectories_CreatesThem()
    {
        var result = await _write.InvokeAsync("""{"path":"a/b/c.txt","content":"hello"}""", _workspace);

        Assert.False(result.IsError, result.Content);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(_workspace, "a/b/c.txt")));
        Assert.Equal("Wrote 5 bytes to a/b/c.txt", result.Content);
    }

    [Fact]
    public async Task Write_ExistingFile_ReplacesItAndLeavesNoTempFiles()
    {
        File.WriteAllText(Path.Combine(_workspace, "f.txt"), "old content that is longer");

        await _write.InvokeAsync("""{"path":"f.txt","content":"new"}""", _workspace);

        Assert.Equal("new", File.ReadAllText(Path.Combine(_workspace, "f.txt")));
        Assert.Equal(["f.txt"], Directory.GetFiles(_workspace).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_EmptyContent_CreatesAnEmptyFile()
    {
        var result = await _write.InvokeAsync("""{"path":"empty.txt","content":""}""", _workspace);

        Assert.False(result.IsError, result.Content);
        Assert.Equal(0, new FileInfo(Path.Combine(_workspace, "empty.txt")).Length);
    }

    [Fact]
    public async Task Write_ParentTraversal_IsRefusedAndWritesNothing()
    {
        var result = await _write.InvokeAsync("""{"path":"../escaped.txt","content":"x"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("'../escaped.txt' is outside the workspace", result.Content);
        Assert.False(File.Exists(_root.File("escaped.txt")));
    }

    [Fact]
    public async Task Write_ThroughASymlinkedDirectory_IsRefusedAndWritesNothing()
    {
        var outside = Directory.CreateDirectory(_root.File("outside")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(_workspace, "link"), outside);

        var result = await _write.InvokeAsync("""{"path":"link/planted.txt","content":"x"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("outside the workspace", result.Content);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public async Task Write_OntoADirectory_IsAnError()
    {
        Directory.CreateDirectory(Path.Combine(_workspace, "dir"));

        var result = await _write.InvokeAsync("""{"path":"dir","content":"x"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("is a directory", result.Content);
    }

    [Fact]
    public async Task Write_MissingContent_IsAnError()
    {
        var result = await _write.InvokeAsync("""{"path":"f.txt"}""", _workspace);

        Assert.True(result.IsError);
        Assert.Contains("'content' is required", result.Content);
    }
}
