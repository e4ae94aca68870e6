using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.Configuration.Watching;

namespace OpenClaw.Configuration;

/// <summary>
/// Hot reload: watches the config file and every included file, waits until edits settle (<see cref="DefaultDebounce"/>
/// after the last event), reloads, and publishes the new snapshot when something changed. A reload that fails keeps
/// the previous snapshot, is logged, and is reported through <see cref="ReloadFailed"/>. A watcher buffer overflow
/// (events lost) triggers a full reload, so no edit is missed. Reloads never overlap.
/// </summary>
public sealed class ConfigWatcher : IDisposable
{
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(300);

    private readonly string _configPath;
    private readonly OpenClawConfigLoader _loader;
    private readonly OpenClawConfigSource _source;
    private readonly ILogger<ConfigWatcher> _logger;
    private readonly TimeSpan _debounce;
    private readonly ITimer _debounceTimer;
    private readonly Lock _gate = new();
    private readonly Lock _reloadGate = new();
    private readonly Dictionary<string, FileSystemWatcher> _watchersByDirectory = new(StringComparer.Ordinal);
    private HashSet<string> _watchedFiles = new(StringComparer.Ordinal);
    private bool _disposed;

    public ConfigWatcher(
        OpenClawConfigLoader loader,
        OpenClawConfigSource source,
        ILogger<ConfigWatcher> logger,
        TimeProvider? timeProvider = null,
        TimeSpan? debounce = null)
    {
        _loader = loader;
        _source = source;
        _logger = logger;
        _configPath = source.Current.Path;
        _debounce = debounce ?? DefaultDebounce;
        _debounceTimer = (timeProvider ?? TimeProvider.System).CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        WatchFiles(source.Current.IncludedPaths);
    }

    /// <summary>Raised (on a thread-pool thread) when a reload failed and the previous snapshot was kept.</summary>
    public event EventHandler<Exception>? ReloadFailed;

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            foreach (var watcher in _watchersByDirectory.Values)
            {
                watcher.Dispose();
            }
            _watchersByDirectory.Clear();
        }
        _debounceTimer.Dispose();
    }

    private void WatchFiles(IReadOnlyList<string> includedPaths)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _watchedFiles = new HashSet<string>(includedPaths.Prepend(_configPath), StringComparer.Ordinal);
            foreach (var directory in _watchedFiles.Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal))
            {
                if (!_watchersByDirectory.TryGetValue(directory, out var watcher))
                {
                    TryWatchDirectory(directory);
                }
                else
                {
                    AddFilters(watcher, directory);
                }
            }
        }
    }

    private void TryWatchDirectory(string directory)
    {
        try
        {
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            // Only the watched names: the config often sits in the state directory, whose other files (reminders, logs)
            // change on every agent run and would otherwise each cost an event here.
            AddFilters(watcher, directory);
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.Error += (_, e) =>
            {
                _logger.ConfigWatcherError(directory, e.GetException());
                ScheduleReload();
            };
            watcher.EnableRaisingEvents = true;
            _watchersByDirectory[directory] = watcher;
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or PlatformNotSupportedException)
        {
            _logger.ConfigWatchFailed(directory, exception);
        }
    }

    private void AddFilters(FileSystemWatcher watcher, string directory)
    {
        foreach (var file in _watchedFiles.Where(f => Path.GetDirectoryName(f) == directory))
        {
            var name = Path.GetFileName(file);
            if (!watcher.Filters.Contains(name)) watcher.Filters.Add(name);
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        bool relevant;
        lock (_gate)
        {
            // Editors and atomic writers replace files by rename, so the old name matters too.
            relevant = _watchedFiles.Contains(e.FullPath) || (e is RenamedEventArgs renamed && _watchedFiles.Contains(renamed.OldFullPath));
        }
        if (relevant)
        {
            ScheduleReload();
        }
    }

    private void ScheduleReload()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _debounceTimer.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Reload()
    {
        lock (_reloadGate)
        {
            ConfigSnapshot snapshot;
            try
            {
                snapshot = _loader.Load(_configPath);
            }
            catch (Exception exception) when (exception is ConfigLoadException or IOException or UnauthorizedAccessException)
            {
                _logger.ConfigReloadFailed(_configPath, exception.Message, exception);
                NotifyReloadFailed(exception);
                return;
            }
            var previous = _source.Current;
            WatchFiles(snapshot.IncludedPaths);
            if (snapshot.Hash == previous.Hash && snapshot.Exists == previous.Exists && JsonNode.DeepEquals(snapshot.Parsed, previous.Parsed))
            {
                _logger.ConfigUnchanged(_configPath);
                return;
            }
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }
            }
            foreach (var warning in snapshot.Warnings)
            {
                _logger.ConfigWarning(warning.Path, warning.Message);
            }
            _logger.ConfigReloaded(_configPath, snapshot.Hash, snapshot.Warnings.Count);
            _source.Publish(snapshot);
        }
    }

    private void NotifyReloadFailed(Exception failure)
    {
        // Runs on a timer callback: a throwing handler must not take the process down.
        try
        {
            ReloadFailed?.Invoke(this, failure);
        }
        catch (Exception handlerFailure)
        {
            _logger.ConfigChangeHandlerFailed(handlerFailure);
        }
    }
}
