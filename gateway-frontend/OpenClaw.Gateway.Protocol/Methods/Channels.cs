using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary><c>channels.status</c> params (the CLI sends <c>probe:false, timeoutMs:59999</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChannelsStatusParams
{
    public bool? Probe { get; init; }

    [Range(0, int.MaxValue)]
    public int? TimeoutMs { get; init; }
    public string? Channel { get; init; }
}

/// <summary><c>channels.status</c> result; maps are keyed by channel id, in <see cref="ChannelOrder"/>.</summary>
public sealed record ChannelsStatusResult(
    long Ts,
    IReadOnlyList<string> ChannelOrder,
    IReadOnlyDictionary<string, string> ChannelLabels,
    EventLoopStatus EventLoop,
    IReadOnlyDictionary<string, ChannelStatusSummary> Channels,
    IReadOnlyDictionary<string, IReadOnlyList<ChannelAccountStatus>> ChannelAccounts,
    IReadOnlyDictionary<string, string> ChannelDefaultAccountId,
    IReadOnlyList<ChannelStatusIssue> StatusIssues);

public sealed record ChannelStatusSummary(bool Configured, bool Running, bool Enabled);

public sealed record ChannelAccountStatus(string AccountId, bool Enabled, bool Configured, bool Running)
{
    public string? LastError { get; init; }
}

/// <summary>A problem to show beside a channel account. <see cref="Kind"/>: intent, permissions, config, auth or runtime.</summary>
public sealed record ChannelStatusIssue(string Channel, string AccountId, string Kind, string Message);
