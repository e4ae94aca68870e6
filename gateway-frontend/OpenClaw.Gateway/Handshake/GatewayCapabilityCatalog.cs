namespace OpenClaw.Gateway.Handshake;

/// <summary>
/// Server capabilities a component implements, registered with <c>AddGatewayCapabilities</c>. The real CLI refuses
/// some commands unless the gateway advertises the capability they rely on (e.g. <c>models list</c> needs
/// <c>published-model-catalog</c>), so a capability is registered by the component that honours its contract.
/// </summary>
public sealed record GatewayCapabilityRegistration(IReadOnlyList<string> Capabilities);

/// <summary>The advertised <c>hello-ok.features.capabilities</c>: registered ones, without duplicates, sorted.</summary>
internal sealed class GatewayCapabilityCatalog(IEnumerable<GatewayCapabilityRegistration> registrations)
{
    public IReadOnlyList<string> Capabilities { get; } =
        registrations.SelectMany(r => r.Capabilities).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
