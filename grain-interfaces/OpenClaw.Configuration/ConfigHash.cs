using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.Configuration;

/// <summary>The <c>hash</c> of a snapshot: clients send it back as <c>baseHash</c> to detect concurrent edits.</summary>
public static class ConfigHash
{
    public const string Prefix = "sha256:";

    public static string OfRaw(string raw) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));

    /// <summary>For a missing file: the hash of the compact JSON of what is in effect.</summary>
    public static string OfParsed(JsonNode parsed) => OfRaw(parsed.ToJsonString());
}
