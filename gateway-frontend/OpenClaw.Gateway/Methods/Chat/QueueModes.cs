using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Methods.Chat;

/// <summary>The wire's <c>queueMode</c> names (validated by the params) as the grain's <see cref="QueueMode"/>.</summary>
internal static class QueueModes
{
    public static QueueMode? Parse(string? value) => value switch
    {
        "steer" => QueueMode.Steer,
        "followup" => QueueMode.Followup,
        "collect" => QueueMode.Collect,
        "interrupt" => QueueMode.Interrupt,
        _ => null,
    };
}
