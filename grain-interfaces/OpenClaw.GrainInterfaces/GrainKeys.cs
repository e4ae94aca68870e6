namespace OpenClaw.GrainInterfaces;

/// <summary>How grain keys are formed from protocol identifiers, in one place.</summary>
public static class GrainKeys
{
    /// <summary>Key of an agent's session index: the normalised agent id.</summary>
    public static string SessionIndex(string agentId) => agentId;

    /// <summary>Key of a channel account grain: <c>channel:accountId</c>.</summary>
    public static string ChannelAccount(string channel, string accountId) => $"{channel}:{accountId}";
}
