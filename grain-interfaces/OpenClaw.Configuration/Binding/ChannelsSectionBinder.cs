using System.Text.Json.Nodes;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration.Binding;

/// <summary>
/// Binds <c>channels</c> for status reporting: the shared fields are typed, the rest is kept raw (cloned, so the
/// model does not share nodes with the snapshot's parsed tree). <c>channels.defaults</c> is not a channel.
/// </summary>
internal static class ChannelsSectionBinder
{
    private const string DefaultsKey = "defaults";

    public static IReadOnlyDictionary<string, ChannelConfig> Bind(JsonObject? section, ConfigBindingContext context)
    {
        var channels = new Dictionary<string, ChannelConfig>(StringComparer.Ordinal);
        if (section is null)
        {
            return channels;
        }
        foreach (var (id, _) in section)
        {
            var path = $"channels.{id}";
            if (id == DefaultsKey || context.Object(section, id, path) is not { } channel)
            {
                continue;
            }
            channels[id] = new ChannelConfig
            {
                Id = id,
                Enabled = context.Bool(channel, "enabled", $"{path}.enabled") ?? true,
                Raw = (JsonObject)channel.DeepClone(),
                Accounts = BindAccounts(channel, $"{path}.accounts", context),
                DefaultAccount = context.String(channel, "defaultAccount", $"{path}.defaultAccount", allowEmpty: false),
            };
        }
        return channels;
    }

    private static IReadOnlyDictionary<string, JsonObject> BindAccounts(JsonObject channel, string path, ConfigBindingContext context)
    {
        var accounts = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (context.Object(channel, "accounts", path) is not { } accountsNode)
        {
            return accounts;
        }
        foreach (var (accountId, _) in accountsNode)
        {
            if (context.Object(accountsNode, accountId, $"{path}.{accountId}") is { } account)
            {
                accounts[accountId] = (JsonObject)account.DeepClone();
            }
        }
        return accounts;
    }
}
