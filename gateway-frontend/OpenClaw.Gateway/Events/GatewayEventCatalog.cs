namespace OpenClaw.Gateway.Events;

/// <summary>Event names a component emits, registered with <c>AddGatewayEvents</c>; unioned into <c>hello-ok.features.events</c>.</summary>
public sealed record GatewayEventRegistration(IReadOnlyList<string> EventNames);

/// <summary>The advertised event list: the core events first, then registered ones, without duplicates.</summary>
internal sealed class GatewayEventCatalog(IEnumerable<GatewayEventRegistration> registrations)
{
    public IReadOnlyList<string> EventNames { get; } =
        GatewayEventNames.Core.Concat(registrations.SelectMany(r => r.EventNames)).Distinct(StringComparer.Ordinal).ToArray();
}
