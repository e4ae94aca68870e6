using OpenClaw.Gateway.Auth.Devices;

namespace OpenClaw.Gateway.Tests.Devices;

/// <summary>The exact signed strings; one byte off and every real client's signature fails.</summary>
public sealed class DeviceAuthPayloadTests
{
    [Fact]
    public void BuildV3_NormalisesPlatformAndFamily_JoinsScopesWithComma()
    {
        string payload = DeviceAuthPayload.BuildV3("dev", "cli", "cli", "operator", ["operator.read", "operator.write"], 1760000000000, "tok", "n1", "  Linux ", "MacBookPro");

        Assert.Equal("v3|dev|cli|cli|operator|operator.read,operator.write|1760000000000|tok|n1|linux|macbookpro", payload);
    }

    [Fact]
    public void BuildV3_AbsentOptionalFields_AreEmpty()
    {
        string payload = DeviceAuthPayload.BuildV3("dev", "cli", "cli", "operator", [], 5, null, "n1", null, null);

        Assert.Equal("v3|dev|cli|cli|operator||5||n1||", payload);
    }

    [Fact]
    public void BuildV3_NonAsciiPlatform_OnlyAsciiLowered()
    {
        string payload = DeviceAuthPayload.BuildV3("d", "c", "m", "r", [], 1, "", "n", "ÄPPLE", null);

        Assert.EndsWith("|Äpple|", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildV2_MatchesOpenClawNodeLayout()
    {
        string payload = DeviceAuthPayload.BuildV2("dev", "gateway-client", "backend", "operator", ["operator.read", "operator.write"], 1795323769295, "tok", "8de9dd47");

        Assert.Equal("v2|dev|gateway-client|backend|operator|operator.read,operator.write|1795323769295|tok|8de9dd47", payload);
    }
}
