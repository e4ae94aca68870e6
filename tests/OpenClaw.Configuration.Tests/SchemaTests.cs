using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Tests;

/// <summary>config.schema: JSON Schema of the implemented sections plus UI hints.</summary>
public class SchemaTests
{
    [Fact]
    public void Build_DescribesGatewayPortWithTypeBoundsAndDefault()
    {
        var payload = ConfigSchema.Build();

        var schema = payload["schema"]!.AsObject();
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        var port = schema["properties"]!["gateway"]!["properties"]!["port"]!;
        Assert.Equal("integer", (string?)port["type"]);
        Assert.Equal((1, 65535, 18789), ((int)port["minimum"]!, (int)port["maximum"]!, (int)port["default"]!));
        Assert.NotNull(port["description"]);
    }

    [Fact]
    public void Build_ListsEveryTopLevelSectionAndClosesTheRoot()
    {
        var schema = ConfigSchema.BuildJsonSchema();

        var properties = schema["properties"]!.AsObject();
        Assert.Equal(Binding.TopLevelSections.All.Order(), properties.Select(p => p.Key).Order());
        Assert.False((bool)schema["additionalProperties"]!);
        Assert.True((bool)properties["cron"]!["additionalProperties"]!);
        Assert.Equal(
            ["auto", "lan", "loopback", "custom", "tailnet"],
            properties["gateway"]!["properties"]!["bind"]!["enum"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void Build_UiHints_MarkSecretsSensitive()
    {
        var hints = ConfigSchema.BuildUiHints();

        Assert.True((bool)hints["gateway.auth.token"]!["sensitive"]!);
        Assert.True((bool)hints["models.providers.*.apiKey"]!["sensitive"]!);
        Assert.Equal("Gateway port", (string?)hints["gateway.port"]!["label"]);
        Assert.Null(hints["gateway.port"]!["sensitive"]);
        Assert.Null(hints["session.mainKey"]!["sensitive"]);
    }

    [Fact]
    public void Build_IsSerializable()
    {
        var json = ConfigSchema.Build().ToJsonString();

        Assert.NotNull(JsonNode.Parse(json));
    }
}
