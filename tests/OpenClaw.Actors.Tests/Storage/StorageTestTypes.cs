namespace OpenClaw.Actors.Tests.Storage;

public sealed class CounterState
{
    public int Value { get; set; }
    public List<string> Items { get; set; } = [];
}

/// <summary>The caller's side of a state: what PersistentState holds between calls.</summary>
public sealed class TestGrainState<TState> : IGrainState<TState> where TState : new()
{
    public TState State { get; set; } = new();
    public string? ETag { get; set; }
    public bool RecordExists { get; set; }
}

/// <summary>A fresh directory under the temp path, removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "openclaw-actors-tests", Guid.NewGuid().ToString("N"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
