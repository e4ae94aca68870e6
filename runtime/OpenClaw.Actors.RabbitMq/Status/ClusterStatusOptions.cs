using Microsoft.Extensions.Options;

namespace OpenClaw.Actors.RabbitMq.Status;

/// <summary>
/// How silos and front nodes exchange dashboard beats over the broker (fanout exchange <c>{QueuePrefix}.status</c>).
/// </summary>
public sealed class ClusterStatusOptions
{
    /// <summary>How often every node publishes its beat.</summary>
    public TimeSpan BeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A node whose last beat is older than this many intervals is shown as not alive.</summary>
    public int MissedBeatsBeforeDead { get; set; } = 3;

    /// <summary>A node silent for this long disappears from the dashboard.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Shard queue depths are read from the broker at most this often (the dashboard polls every 1-2 s).</summary>
    public TimeSpan QueueDepthCacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Channels reading shard queue depths in parallel.</summary>
    public int QueueDepthConcurrency { get; set; } = 4;

    /// <summary>Nodes a front keeps beats of; beats of further nodes are ignored until older ones are forgotten.</summary>
    public int MaxNodes { get; set; } = 1024;

    internal TimeSpan DeadAfter => BeatInterval * MissedBeatsBeforeDead;
}

public sealed class ClusterStatusOptionsValidator : IValidateOptions<ClusterStatusOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterStatusOptions options)
    {
        var failures = new List<string>();
        if (options.BeatInterval < TimeSpan.FromMilliseconds(50) || options.BeatInterval > TimeSpan.FromMinutes(5))
            failures.Add($"BeatInterval is set to {options.BeatInterval}. BeatInterval must be between 50 ms and 5 minutes.");
        if (options.MissedBeatsBeforeDead is < 1 or > 100)
            failures.Add($"MissedBeatsBeforeDead is set to {options.MissedBeatsBeforeDead}. MissedBeatsBeforeDead must be between 1 and 100.");
        if (options.ForgetAfter <= options.DeadAfter)
            failures.Add($"ForgetAfter is set to {options.ForgetAfter}. ForgetAfter must be longer than BeatInterval × MissedBeatsBeforeDead ({options.DeadAfter}).");
        if (options.QueueDepthCacheDuration < TimeSpan.Zero)
            failures.Add($"QueueDepthCacheDuration is set to {options.QueueDepthCacheDuration}. QueueDepthCacheDuration must not be negative.");
        if (options.QueueDepthConcurrency is < 1 or > 64)
            failures.Add($"QueueDepthConcurrency is set to {options.QueueDepthConcurrency}. QueueDepthConcurrency must be between 1 and 64.");
        if (options.MaxNodes < 1)
            failures.Add($"MaxNodes is set to {options.MaxNodes}. MaxNodes must be at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
