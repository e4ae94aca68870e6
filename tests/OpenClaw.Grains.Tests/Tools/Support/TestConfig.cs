using OpenClaw.Configuration;

namespace OpenClaw.Grains.Tests.Tools.Support;

/// <summary>Config snapshots loaded by the real loader from a JSON5 text, as the gateway would load them.</summary>
public static class TestConfig
{
    public static ConfigSnapshot Load(string json5)
    {
        using var directory = new TempDirectory();
        var path = directory.Write("openclaw.json", json5);
        return new OpenClawConfigLoader(_ => null, directory.Path).Load(path);
    }

    public static OpenClawConfigSource Source(string json5 = "{}") => new(Load(json5));
}
