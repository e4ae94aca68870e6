using Microsoft.Extensions.Logging.Abstractions;

namespace OpenClaw.Configuration.Tests;

/// <summary>Hot reload through the file system: real files, real FileSystemWatcher, bounded waits.</summary>
public sealed class ConfigWatcherTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TestConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Watcher_FileEdited_PublishesNewSnapshot()
    {
        _dir.WriteConfig("{ gateway: { port: 1000 } }");
        using var fixture = Start();
        var changed = Next<ConfigSnapshot>(h => fixture.Source.Changed += (_, s) => h(s));

        _dir.WriteConfig("{ gateway: { port: 2000 } }");

        var snapshot = await changed.WaitAsync(Timeout);
        Assert.Equal(2000, snapshot.Config.Gateway.Port);
        Assert.Same(snapshot, fixture.Source.Current);
    }

    [Fact]
    public async Task Watcher_BrokenEdit_KeepsPreviousSnapshot_ThenRecovers()
    {
        _dir.WriteConfig("{ gateway: { port: 1000 } }");
        using var fixture = Start();
        var before = fixture.Source.Current;
        var failed = Next<Exception>(h => fixture.Watcher.ReloadFailed += (_, e) => h(e));

        _dir.WriteConfig("{ gateway: { port: 'oops' } }");

        var error = await failed.WaitAsync(Timeout);
        Assert.IsType<ConfigLoadException>(error);
        Assert.Same(before, fixture.Source.Current);

        var changed = Next<ConfigSnapshot>(h => fixture.Source.Changed += (_, s) => h(s));
        _dir.WriteConfig("{ gateway: { port: 3000 } }");
        Assert.Equal(3000, (await changed.WaitAsync(Timeout)).Config.Gateway.Port);
    }

    [Fact]
    public async Task Watcher_IncludedFileEdited_Reloads()
    {
        _dir.Write("parts/gw.json5", "{ port: 1000 }");
        _dir.WriteConfig("{ gateway: { $include: 'parts/gw.json5' } }");
        using var fixture = Start();
        var changed = Next<ConfigSnapshot>(h => fixture.Source.Changed += (_, s) => h(s));

        _dir.Write("parts/gw.json5", "{ port: 4000 }");

        Assert.Equal(4000, (await changed.WaitAsync(Timeout)).Config.Gateway.Port);
    }

    [Fact]
    public async Task Watcher_FileReplacedByRename_Reloads()
    {
        _dir.WriteConfig("{ gateway: { port: 1000 } }");
        using var fixture = Start();
        var changed = Next<ConfigSnapshot>(h => fixture.Source.Changed += (_, s) => h(s));

        var temp = _dir.Write("openclaw.json.tmp", "{ gateway: { port: 5000 } }");
        File.Move(temp, _dir.ConfigPath, overwrite: true);

        Assert.Equal(5000, (await changed.WaitAsync(Timeout)).Config.Gateway.Port);
    }

    [Fact]
    public async Task Source_ThrowingHandler_DoesNotStopOtherHandlers()
    {
        var source = new OpenClawConfigSource(TestConfigDirectory.Loader().Load(_dir.ConfigPath));
        var received = new TaskCompletionSource<ConfigSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Changed += (_, _) => throw new InvalidOperationException("handler bug");
        source.Changed += (_, s) => received.TrySetResult(s);
        _dir.WriteConfig("{}");
        var next = TestConfigDirectory.Loader().Load(_dir.ConfigPath);

        source.Publish(next);

        Assert.Same(next, await received.Task.WaitAsync(Timeout));
    }

    private WatcherFixture Start()
    {
        var loader = TestConfigDirectory.Loader();
        var source = new OpenClawConfigSource(loader.Load(_dir.ConfigPath));
        var watcher = new ConfigWatcher(loader, source, NullLogger<ConfigWatcher>.Instance, debounce: TimeSpan.FromMilliseconds(100));
        return new WatcherFixture(source, watcher);
    }

    /// <summary>A task completed by the first value the subscription delivers.</summary>
    private static Task<T> Next<T>(Action<Action<T>> subscribe)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscribe(value => completion.TrySetResult(value));
        return completion.Task;
    }

    private sealed record WatcherFixture(OpenClawConfigSource Source, ConfigWatcher Watcher) : IDisposable
    {
        public void Dispose() => Watcher.Dispose();
    }
}
