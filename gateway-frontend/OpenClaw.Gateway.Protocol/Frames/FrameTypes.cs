namespace OpenClaw.Gateway.Protocol;

/// <summary>Values of the <c>type</c> discriminator every frame carries.</summary>
public static class FrameTypes
{
    public const string Request = "req";
    public const string Response = "res";
    public const string Event = "event";
}
