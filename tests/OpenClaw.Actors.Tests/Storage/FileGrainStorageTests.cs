using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.Runtime.Storage;

namespace OpenClaw.Actors.Tests.Storage;

/// <summary>
/// The storage contract kept by the embedded-mode file storage, plus what files add: a safe and unique file per
/// state whatever the key, documents that survive the process, atomic replacement (a crash leaves the old or the new
/// state), corrupt files reported rather than reset, and no lost update between storage instances over one directory.
/// </summary>
public sealed class FileGrainStorageTests : GrainStorageContractTests, IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly FileGrainStorage _storage;

    public FileGrainStorageTests() => _storage = NewStorage();

    protected override IGrainStorage Storage => _storage;

    public void Dispose() => _root.Dispose();

    private FileGrainStorage NewStorage() => new(_root.Path, NullLogger<FileGrainStorage>.Instance);

    [Fact]
    public async Task Write_StoresEtagAndStateDocumentAtTheGrainPath()
    {
        var grainId = GrainId.Create("counter", "main");
        var state = await WriteNewAsync(grainId, 3);

        var path = _storage.GetFilePath(StateName, grainId);
        Assert.Equal(Path.Combine(_root.Path, "counter", "main", "state.json"), path);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal(state.ETag, document.RootElement.GetProperty("etag").GetString());
        Assert.Equal(3, document.RootElement.GetProperty("state").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Read_WithANewStorageInstance_FindsStateWrittenEarlier()
    {
        var grainId = NewGrainId();
        var written = await WriteNewAsync(grainId, 11);

        var read = new TestGrainState<CounterState>();
        await NewStorage().ReadStateAsync(StateName, grainId, read);

        Assert.Equal(11, read.State.Value);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task GetFilePath_KeysWithOddCharacters_MapToDistinctSafeFilesUnderTheRoot()
    {
        var longKey = new string('k', 1000);
        string[] keys =
        [
            "a", "A", "a/b", "a\\b", "a:b", "a%2fb", "a%2Fb", "a^b", "a~b", ".", "..", "../../etc", "", " ", "a.", ".a",
            "con", "CON", "nul.txt", "a b", "a\0b", "ü", "u\u0308", "日本語", "😀", "a*b?c<d>e|f\"g", longKey, longKey + "x",
            new string('.', 300), "%", "%25",
        ];

        var paths = keys.Select(key => _storage.GetFilePath(StateName, GrainId.Create("counter", key))).ToList();

        Assert.Equal(keys.Length, paths.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        foreach (var path in paths)
        {
            Assert.StartsWith(_root.Path + Path.DirectorySeparatorChar, Path.GetFullPath(path));
            var keySegment = Path.GetFileName(Path.GetDirectoryName(path))!;
            Assert.InRange(keySegment.Length, 1, 120);
            Assert.DoesNotContain(keySegment, c => invalid.Contains(c));
            Assert.False(keySegment.StartsWith('.') || keySegment.EndsWith('.'), keySegment);
        }

        for (var i = 0; i < keys.Length; i++)
            await WriteNewAsync(GrainId.Create("counter", keys[i]), i);
        for (var i = 0; i < keys.Length; i++)
            Assert.Equal(i, (await ReadAsync(GrainId.Create("counter", keys[i]))).State.Value);
    }

    [Fact]
    public async Task Read_AfterAWriteInterruptedBeforeItsRename_ReturnsTheOldStateAndRemovesTheTempFile()
    {
        var grainId = NewGrainId();
        var written = await WriteNewAsync(grainId, 1);
        var path = _storage.GetFilePath(StateName, grainId);
        // What a process killed between "temp file written" and "rename" leaves behind (here even half-written).
        var strayTemp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(strayTemp, """{"etag":"2","state":{"val""");

        var read = await ReadAsync(grainId);

        Assert.Equal(1, read.State.Value);
        Assert.Equal(written.ETag, read.ETag);
        Assert.False(File.Exists(strayTemp));
        written.State.Value = 2;
        await Storage.WriteStateAsync(StateName, grainId, written);
        Assert.Equal(2, (await ReadAsync(grainId)).State.Value);
    }

    [Fact]
    public async Task Write_LeavesNoTempFileBehind()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, 1);
        await Storage.WriteStateAsync(StateName, grainId, state);

        var directory = Path.GetDirectoryName(_storage.GetFilePath(StateName, grainId))!;
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public async Task Read_CorruptFile_ThrowsNamingTheFileAndLeavesItUntouched()
    {
        var grainId = NewGrainId();
        var written = await WriteNewAsync(grainId, 1);
        var path = _storage.GetFilePath(StateName, grainId);
        await File.WriteAllTextAsync(path, "{ this is not json");

        var error = await Assert.ThrowsAsync<GrainStateCorruptedException>(() => ReadAsync(grainId));
        await Assert.ThrowsAsync<GrainStateCorruptedException>(() => Storage.WriteStateAsync(StateName, grainId, written));

        Assert.Equal(path, error.Location);
        Assert.Contains(path, error.Message);
        Assert.Equal("{ this is not json", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Read_FileWithoutEtag_ThrowsCorrupt()
    {
        var grainId = NewGrainId();
        await WriteNewAsync(grainId, 1);
        await File.WriteAllTextAsync(_storage.GetFilePath(StateName, grainId), """{"state":{"value":1}}""");

        await Assert.ThrowsAsync<GrainStateCorruptedException>(() => ReadAsync(grainId));
    }

    [Fact]
    public async Task Write_TwoStorageInstancesOverOneDirectory_ConflictInsteadOfLosingUpdates()
    {
        // Two silos of an in-process cluster, each with its own storage, both running an activation of one grain.
        var grainId = NewGrainId();
        await WriteNewAsync(grainId, 0);
        const int incrementsPerWriter = 25;

        await Task.WhenAll(
            IncrementAsync(NewStorage(), grainId, incrementsPerWriter),
            IncrementAsync(NewStorage(), grainId, incrementsPerWriter)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2 * incrementsPerWriter, (await ReadAsync(grainId)).State.Value);
    }

    private static async Task IncrementAsync(IGrainStorage storage, GrainId grainId, int increments)
    {
        var state = new TestGrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grainId, state);
        for (var done = 0; done < increments;)
        {
            state.State.Value++;
            try
            {
                await storage.WriteStateAsync(StateName, grainId, state);
                done++;
            }
            catch (InconsistentStateException)
            {
                await storage.ReadStateAsync(StateName, grainId, state); // what a deactivated grain does on reactivation
            }
        }
    }
}

/// <summary>The storage contract again with fsync off, where writes swap the state file with its spare instead of renaming a temp file.</summary>
public sealed class FileGrainStorageWithoutFsyncTests : GrainStorageContractTests, IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly FileGrainStorage _storage;

    public FileGrainStorageWithoutFsyncTests() => _storage = new(_root.Path, NullLogger<FileGrainStorage>.Instance, flushToDisk: false);

    protected override IGrainStorage Storage => _storage;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Writes_SwapWithOneSpare_TheStateFileHoldsTheLatestAndNothingElseAccumulates()
    {
        var grainId = GrainId.Create("counter", Guid.NewGuid().ToString("N"));
        var state = await WriteNewAsync(grainId, 1);
        for (var value = 2; value <= 4; value++)
        {
            state.State.Value = value;
            await Storage.WriteStateAsync(StateName, grainId, state);
        }

        var path = _storage.GetFilePath(StateName, grainId);
        var read = await ReadAsync(grainId);
        Assert.Equal((4, state.ETag), (read.State.Value, read.ETag));
        Assert.Equal(
            [Path.GetFileName(path), Path.GetFileName(path) + ".lock", Path.GetFileName(path) + ".spare"],
            Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
