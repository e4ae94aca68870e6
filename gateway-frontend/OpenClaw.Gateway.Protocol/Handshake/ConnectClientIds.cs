namespace OpenClaw.Gateway.Protocol;

/// <summary>The closed enums of <c>client.id</c> and <c>client.mode</c>, and the roles (openclaw <c>client-info.ts</c>).</summary>
public static class ConnectClientIds
{
    public const string Cli = "cli";
    public const string GatewayClient = "gateway-client";
    public const string ControlUi = "openclaw-control-ui";
    public const string Probe = "openclaw-probe";

    public static IReadOnlyList<string> Ids { get; } =
    [
        "webchat-ui", ControlUi, "openclaw-browser-copilot", "openclaw-tui", "webchat", Cli, GatewayClient,
        "openclaw-macos", "openclaw-linux", "openclaw-ios", "openclaw-watchos", "openclaw-android", "node-host",
        "openclaw-worker", "test", "fingerprint", Probe,
    ];

    public static IReadOnlyList<string> Modes { get; } = ["webchat", "cli", "ui", "backend", "node", "worker", "probe", "test"];
}

/// <summary>Values of <c>client.mode</c> the gateway treats specially.</summary>
public static class ConnectClientModes
{
    public const string Cli = "cli";
    public const string Backend = "backend";
    public const string Node = "node";
    public const string Probe = "probe";
}

/// <summary>Values of <c>connect.params.role</c>.</summary>
public static class ConnectRoles
{
    public const string Operator = "operator";
    public const string Node = "node";
}
