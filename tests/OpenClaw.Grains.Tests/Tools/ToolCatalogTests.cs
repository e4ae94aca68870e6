using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Configuration;
using OpenClaw.Grains.Agents.Tools;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Tools;

/// <summary>The catalog registered by AddOpenClawTools holds every built-in tool and filters per agent from the live config.</summary>
public sealed class ToolCatalogTests
{
    private static ServiceProvider Services(IOpenClawConfigSource config)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(config);
        services.AddOpenClawTools();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public void AddOpenClawTools_RegistersTheBuiltInToolsUnderOpenClawsNames()
    {
        using var services = Services(TestConfig.Source());

        var names = services.GetRequiredService<IToolCatalog>().ToolsFor("main").Select(t => t.Name);

        Assert.Equal(["exec", "read", "write", "edit", "sessions_list", "sessions_history", "sessions_send"], names);
    }

    [Fact]
    public void ToolsFor_AppliesThePolicyOfThatAgent()
    {
        using var services = Services(TestConfig.Source("{ agents: { entries: { main: {}, reader: { tools: { allow: ['read'] } } } } }"));
        var catalog = services.GetRequiredService<IToolCatalog>();

        Assert.Equal(["read"], catalog.ToolsFor("reader").Select(t => t.Name));
        Assert.Equal(7, catalog.ToolsFor("main").Count);
    }

    [Fact]
    public void ToolsFor_AfterAConfigReload_UsesTheNewPolicy()
    {
        var source = TestConfig.Source();
        using var services = Services(source);
        var catalog = services.GetRequiredService<IToolCatalog>();
        Assert.Contains(catalog.ToolsFor("main"), t => t.Name == "exec");

        source.Publish(TestConfig.Load("{ tools: { deny: ['group:runtime'] } }"));

        Assert.DoesNotContain(catalog.ToolsFor("main"), t => t.Name == "exec");
    }

    [Fact]
    public void Find_ReturnsOnlyToolsTheAgentMayUse()
    {
        using var services = Services(TestConfig.Source("{ tools: { deny: ['exec'] } }"));
        var catalog = services.GetRequiredService<ToolCatalog>();

        Assert.Null(catalog.Find("main", "exec"));
        Assert.Equal("read", catalog.Find("main", "READ")?.Name);
        Assert.Null(catalog.Find("main", "unknown"));
    }

    [Fact]
    public void Catalog_TwoToolsWithOneName_FailsAtConstruction()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ToolCatalog([new NamedTool("dup"), new NamedTool("DUP")], TestConfig.Source()));

        Assert.Contains("'dup'", error.Message);
    }

    [Fact]
    public void EveryBuiltInTool_HasADescriptionAndAnObjectSchema()
    {
        using var services = Services(TestConfig.Source());

        Assert.All(services.GetRequiredService<ToolCatalog>().All, tool =>
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
            Assert.Equal("object", (string?)tool.ParametersSchema["type"]);
            Assert.IsType<JsonObject>(tool.ParametersSchema["properties"]);
        });
    }

    private sealed class NamedTool(string name) : IAgentTool
    {
        public string Name => name;
        public string Description => "test";
        public JsonObject ParametersSchema => new() { ["type"] = "object" };
        public Task<ToolResult> InvokeAsync(JsonObject arguments, ToolContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new ToolResult("ok"));
    }
}
