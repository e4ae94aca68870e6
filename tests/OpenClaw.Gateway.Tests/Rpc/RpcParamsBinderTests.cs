using System.Text.Json;
using System.Text.Json.Serialization;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using Xunit;

namespace OpenClaw.Gateway.Tests.Rpc;

public sealed class RpcParamsBinderTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{ }")]
    public void Bind_NoParamsForInitOnlyRecord_GivesWhatTheSerializerGivesWithoutIt(string? raw)
    {
        var info = BinderTestJson.Default.FilterParams;
        var factory = EmptyParamsFactory.For(info);
        Assert.NotNull(factory);

        var bound = RpcParamsBinder.Bind("test.filter", Parse(raw), info, factory);

        Assert.Equal(JsonSerializer.Deserialize("{}"u8, info), bound);
        Assert.Null(bound.Search);
    }

    [Fact]
    public void For_InitializerTheSerializerOverwrites_HasNoFactorySoBindingStaysAsBefore()
    {
        var info = BinderTestJson.Default.PagedParams;

        Assert.Null(EmptyParamsFactory.For(info));
        var bound = RpcParamsBinder.Bind("test.paged", Parse("{}"), info, EmptyParamsFactory.For(info));
        Assert.Equal(JsonSerializer.Deserialize("{}"u8, info), bound);
    }

    [Fact]
    public void Bind_NoParams_GivesEachRequestItsOwnInstance()
    {
        var info = MethodsJson.Default.HealthParams;
        var factory = EmptyParamsFactory.For(info);
        Assert.NotNull(factory);

        var first = RpcParamsBinder.Bind("health", Parse("{}"), info, factory);
        var second = RpcParamsBinder.Bind("health", Parse("{}"), info, factory);

        Assert.Null(first.Probe);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Bind_ParamsWithProperties_StillGoThroughTheSerializer()
    {
        var info = BinderTestJson.Default.FilterParams;

        var bound = RpcParamsBinder.Bind("test.filter", Parse("""{"search":"x"}"""), info, EmptyParamsFactory.For(info));

        Assert.Equal("x", bound.Search);
        var error = Assert.Throws<RpcException>(() => RpcParamsBinder.Bind("test.filter", Parse("""{"nope":1}"""), info, EmptyParamsFactory.For(info)));
        Assert.Equal("invalid test.filter params: at root: unexpected property 'nope'", error.Message);
    }

    [Fact]
    public void For_RequiredProperty_HasNoFactorySoMissingParamsStayAnError()
    {
        var info = BinderTestJson.Default.RequiredParams;

        Assert.Null(EmptyParamsFactory.For(info));
        var error = Assert.Throws<RpcException>(() => RpcParamsBinder.Bind("test.required", Parse("{}"), info, EmptyParamsFactory.For(info)));
        Assert.Contains("name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_PositionalRecord_HasNoFactory()
    {
        Assert.Null(EmptyParamsFactory.For(BinderTestJson.Default.PositionalParams));
    }

    private static JsonElement? Parse(string? raw) => raw is null ? null : JsonDocument.Parse(raw).RootElement;
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record FilterParams
{
    public string? Search { get; init; }
    public bool? IncludeHidden { get; init; }
}

internal sealed record PagedParams
{
    public int Limit { get; init; } = 50;
    public string? Cursor { get; init; }
}

internal sealed record RequiredParams
{
    public required string Name { get; init; }
}

internal sealed record PositionalParams(int? Limit);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FilterParams))]
[JsonSerializable(typeof(PagedParams))]
[JsonSerializable(typeof(RequiredParams))]
[JsonSerializable(typeof(PositionalParams))]
internal sealed partial class BinderTestJson : JsonSerializerContext;
