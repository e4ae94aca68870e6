using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Methods.Channels;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Protocol.Http;

namespace OpenClaw.Gateway.Http.Rest;

/// <summary>
/// <c>GET /v1/channels</c>: the configured channels and accounts. Enabling and disabling a channel needs the channel
/// drivers, which this gateway does not have yet: those routes answer 501 rather than pretend.
/// </summary>
internal static class ChannelsRestEndpoints
{
    public const string ListPath = "/v1/channels";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet(ListPath, List);
        api.MapMethodNotAllowed(ListPath, "GET");
        // Two literal routes: the slim host registers no regex route constraint.
        foreach (var action in (ReadOnlySpan<string>)["enable", "disable"])
        {
            var path = $"/v1/channels/{{id}}/{action}";
            api.MapPost(path, (HttpContext http) => Toggle(http, action));
            api.MapMethodNotAllowed(path, "POST");
        }
    }

    private static IResult List(HttpContext http, IOpenClawConfigSource config)
    {
        if (HttpAccess.Check(http, OperatorScopes.Read) is { } denied) return denied;
        var channels = ConfiguredChannels.Read(config.Current.Config.Channels)
            .Select(c => new RestChannel(c.Id, c.Label, c.Enabled, [.. c.Accounts.Select(a => new RestChannelAccount(a.AccountId, a.Enabled))]))
            .ToList();
        return TypedResults.Json(new RestChannelList(channels), HttpJson.Default.RestChannelList);
    }

    private static IResult Toggle(HttpContext http, string action)
    {
        if (HttpAccess.Check(http, OperatorScopes.Admin) is { } denied) return denied;
        return HttpErrors.NotImplemented($"channel {action} is not implemented yet: channel drivers are not available in this gateway");
    }
}
