namespace OpenClaw.Grains.Storage;

/// <summary>Names of the grain storages the OpenClaw grains use.</summary>
public static class OpenClawStorageNames
{
    /// <summary>
    /// State kept in OpenClaw's own file layout (sessions.json, cron/jobs.json, ...) in embedded mode, so users can
    /// move data between OpenClaw and this gateway. In cluster mode it is the blob store like any other state.
    /// </summary>
    public const string Layout = "openclaw-layout";
}
