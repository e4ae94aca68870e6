namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the front tier onto the app: the WebSocket endpoint on "/" and the HTTP routes on the same port.</summary>
public static class GatewayEndpointExtensions
{
    public static WebApplication MapOpenClawGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
