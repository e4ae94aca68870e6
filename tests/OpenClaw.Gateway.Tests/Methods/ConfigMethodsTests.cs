using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>config.get (redacted, every field the CLI prints; capture 15) and config.schema.</summary>
public sealed class ConfigMethodsTests(FoundationGatewayFixture fixture) : IClassFixture<FoundationGatewayFixture>
{
    [Fact]
    public async Task ConfigGet_ReturnsEveryDocumentAndHash()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var config = await client.CallOkAsync("config.get", new JsonObject());

        Assert.EndsWith("openclaw.json", Field.String(config, "path"));
        Assert.True(Field.Bool(config, "exists"));
        Assert.True(Field.Bool(config, "valid"));
        Field.String(config, "raw");
        foreach (var name in new[] { "parsed", "sourceConfig", "resolved", "runtimeConfig", "config" })
        {
            var document = Field.Object(config, name);
            Assert.Equal("stub/stub-echo", (string?)document["agents"]?["defaults"]?["model"]?["primary"]);
        }

        var hash = Field.String(config, "hash");
        Assert.StartsWith("sha256:", hash);
        Assert.Equal(hash, Field.String(config, "configRevisionHash"));
        Assert.Equal(hash, Field.String(config, "appliedConfigHash"));
        Assert.Empty(Field.Array(config, "issues"));
        Field.Array(config, "warnings");
        Assert.Empty(Field.Array(config, "legacyIssues"));
        Assert.Empty(Field.Array(config, "includedPaths"));
    }

    [Fact]
    public async Task ConfigGet_NoSecretValueAppearsAnywhereInTheResponse()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var frame = await client.CallRawAsync("config.get", new JsonObject());
        var text = frame.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.True((bool?)frame["ok"]);
        foreach (var secret in FoundationGatewayFixture.Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        var payload = frame["payload"]!.AsObject();
        Assert.Contains(ConfigRedactor.Sentinel, Field.String(payload, "raw"), StringComparison.Ordinal);
        var parsed = Field.Object(payload, "parsed");
        Assert.Equal(ConfigRedactor.Sentinel, (string?)parsed["models"]?["providers"]?["stub"]?["apiKey"]);
        Assert.Equal(ConfigRedactor.Sentinel, (string?)parsed["gateway"]?["auth"]?["token"]);
        Assert.Equal(ConfigRedactor.Sentinel, (string?)parsed["channels"]?["telegram"]?["botToken"]);
        // Non-secrets stay readable.
        Assert.Equal("http://127.0.0.1:28800/v1", (string?)parsed["models"]?["providers"]?["stub"]?["baseUrl"]);
    }

    [Fact]
    public void ConfigGetResponse_MissingFile_SendsRawAsNullAndExistsFalse()
    {
        var snapshot = new ConfigSnapshot(
            "/nowhere/openclaw.json", Exists: false, Raw: null, Parsed: new JsonObject(), Config: OpenClaw.Configuration.Model.OpenClawConfig.Default,
            Hash: "sha256:00", Issues: [], Warnings: [new ConfigIssue("", "config file not found; defaults in use")], IncludedPaths: []);

        var json = JsonSerializer.SerializeToNode(OpenClaw.Gateway.Methods.Config.ConfigGetResponse.From(snapshot), MethodsJson.Default.ConfigGetResult)!.AsObject();

        Assert.False(Field.Bool(json, "exists"));
        Field.Null(json, "raw");
        Assert.Empty(Field.Object(json, "parsed"));
        Assert.Equal("config file not found; defaults in use", (string?)Field.Array(json, "warnings")[0]!["message"]);
        Assert.True(Field.Bool(json, "valid"));
    }

    [Fact]
    public async Task ConfigGet_UnknownParam_IsInvalidRequest()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var error = await client.CallErrorAsync("config.get", new JsonObject { ["includeSecrets"] = true });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
    }

    [Fact]
    public async Task ConfigSchema_ReturnsJsonSchemaUiHintsAndVersion()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var result = await client.CallOkAsync("config.schema", new JsonObject());

        var schema = Field.Object(result, "schema");
        Assert.Equal("object", (string?)schema["type"]);
        Assert.NotNull(schema["properties"]?["gateway"]);
        Field.Object(result, "uiHints");
        Assert.Equal("2026.9.6", Field.String(result, "version"));
    }
}
