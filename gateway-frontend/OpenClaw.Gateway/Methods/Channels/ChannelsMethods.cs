using OpenClaw.Configuration;
using OpenClaw.Gateway.Methods.Diagnostics;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.Channels;

/// <summary>
/// <c>channels.status</c>: every configured channel account, reported configured and not running with a runtime
/// status issue, since this gateway has no channel drivers yet. <c>probe</c> and <c>timeoutMs</c> are accepted;
/// there is nothing to probe. <c>channel</c> narrows the result to one channel id.
/// </summary>
internal sealed class ChannelsMethods(IOpenClawConfigSource config, RuntimeLoadMonitor runtimeLoad, TimeProvider time) : IRpcMethodGroup
{
    public const string RuntimeIssueKind = "runtime";

    public void Map(RpcMethodTable methods)
    {
        var json = MethodsJson.Default;
        methods.Map("channels.status", OperatorScopes.Read, json.ChannelsStatusParams, json.ChannelsStatusResult,
            (request, _, _) => Task.FromResult(Status(request)));
    }

    private ChannelsStatusResult Status(ChannelsStatusParams request)
    {
        var channels = ConfiguredChannels.Read(config.Current.Config.Channels)
            .Where(channel => string.IsNullOrWhiteSpace(request.Channel)
                || string.Equals(channel.Id, request.Channel.Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();

        return new ChannelsStatusResult(
            Ts: time.GetUtcNow().ToUnixTimeMilliseconds(),
            ChannelOrder: [.. channels.Select(channel => channel.Id)],
            ChannelLabels: channels.ToDictionary(channel => channel.Id, channel => channel.Label),
            EventLoop: runtimeLoad.Current(),
            Channels: channels.ToDictionary(
                channel => channel.Id,
                channel => new ChannelStatusSummary(Configured: true, Running: false, channel.Enabled)),
            ChannelAccounts: channels.ToDictionary(
                channel => channel.Id,
                IReadOnlyList<ChannelAccountStatus> (channel) => [.. channel.Accounts.Select(account =>
                    new ChannelAccountStatus(account.AccountId, account.Enabled, Configured: true, Running: false)
                    {
                        LastError = ConfiguredChannels.DriverMissingMessage,
                    })]),
            ChannelDefaultAccountId: channels.ToDictionary(channel => channel.Id, channel => channel.DefaultAccountId),
            StatusIssues: [.. channels.SelectMany(channel => channel.Accounts.Select(account =>
                new ChannelStatusIssue(channel.Id, account.AccountId, RuntimeIssueKind, ConfiguredChannels.DriverMissingMessage)))]);
    }
}
