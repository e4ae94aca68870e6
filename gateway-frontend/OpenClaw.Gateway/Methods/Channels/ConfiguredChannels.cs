using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Gateway.Methods.Channels;

/// <summary>A channel section of the config with its accounts resolved (a section without accounts has one, <c>default</c>).</summary>
internal sealed record ConfiguredChannel(
    string Id,
    string Label,
    bool Enabled,
    string DefaultAccountId,
    IReadOnlyList<ConfiguredChannelAccount> Accounts);

internal sealed record ConfiguredChannelAccount(string AccountId, bool Enabled);

/// <summary>
/// Reads <c>channels.*</c> for the status methods. Until channel drivers exist every configured account is reported
/// as configured and not running, with a status issue saying why.
/// </summary>
internal static class ConfiguredChannels
{
    public const string DefaultAccountId = "default";
    public const string DriverMissingMessage = "channel driver not implemented by this gateway yet";

    // Upstream's display order of the chat channels; unknown channel ids follow alphabetically.
    private static readonly string[] KnownOrder =
        ["telegram", "whatsapp", "discord", "irc", "googlechat", "slack", "signal", "imessage", "msteams", "matrix"];

    private static readonly Dictionary<string, string> KnownLabels = new(StringComparer.Ordinal)
    {
        ["telegram"] = "Telegram",
        ["whatsapp"] = "WhatsApp",
        ["discord"] = "Discord",
        ["irc"] = "IRC",
        ["googlechat"] = "Google Chat",
        ["slack"] = "Slack",
        ["signal"] = "Signal",
        ["imessage"] = "iMessage",
        ["msteams"] = "Microsoft Teams",
        ["matrix"] = "Matrix",
    };

    public static IReadOnlyList<ConfiguredChannel> Read(IReadOnlyDictionary<string, ChannelConfig> channels) =>
        [.. channels.Values
            .OrderBy(channel => Array.IndexOf(KnownOrder, channel.Id) is var i and >= 0 ? i : KnownOrder.Length)
            .ThenBy(channel => channel.Id, StringComparer.Ordinal)
            .Select(ToConfigured)];

    private static ConfiguredChannel ToConfigured(ChannelConfig channel)
    {
        var accounts = channel.Accounts.Count == 0
            ? [new ConfiguredChannelAccount(channel.DefaultAccount ?? DefaultAccountId, channel.Enabled)]
            : channel.Accounts
                .OrderBy(account => account.Key, StringComparer.Ordinal)
                .Select(account => new ConfiguredChannelAccount(account.Key, channel.Enabled && IsEnabled(account.Value)))
                .ToList();
        var defaultAccount = channel.DefaultAccount
            ?? (accounts.Any(a => a.AccountId == DefaultAccountId) ? DefaultAccountId : accounts[0].AccountId);
        return new ConfiguredChannel(channel.Id, Label(channel.Id), channel.Enabled, defaultAccount, accounts);
    }

    private static bool IsEnabled(JsonObject account) =>
        account["enabled"] is not JsonValue value || !value.TryGetValue<bool>(out var enabled) || enabled;

    private static string Label(string channelId) =>
        KnownLabels.TryGetValue(channelId, out var label) ? label : channelId;
}
