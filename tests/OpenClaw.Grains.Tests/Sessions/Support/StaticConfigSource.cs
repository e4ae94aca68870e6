using System.Text.Json.Nodes;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Grains.Tests.Sessions.Support;

/// <summary>A config that never changes, built in code.</summary>
public sealed class StaticConfigSource(OpenClawConfig config) : IOpenClawConfigSource
{
    public ConfigSnapshot Current { get; } = new("/tmp/openclaw.json", false, null, new JsonObject(), config, "sha256:test", [], [], []);

#pragma warning disable CS0067 // never raised: the config is static
    public event EventHandler<ConfigSnapshot>? Changed;
#pragma warning restore CS0067
}
