namespace OpenClaw.Actors.Runtime.Hosting;

/// <summary>How <c>AddEmbeddedSilo</c> hosts grains in this process.</summary>
public sealed class EmbeddedSiloOptions
{
    /// <summary>
    /// Where grain state (<c>grains/</c>) and reminders live. Null keeps both in memory (tests, throwaway runs).
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>Names the deployment (all silos of one cluster share it).</summary>
    public string ServiceId { get; set; } = "openclaw";

    /// <summary>Names this silo in logs.</summary>
    public string SiloName { get; set; } = "embedded";
}
