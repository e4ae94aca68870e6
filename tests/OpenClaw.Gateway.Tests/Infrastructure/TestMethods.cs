using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Tests.Infrastructure;

/// <summary>Methods that exist only in tests, to exercise scopes, binding, interim responses and broadcasts.</summary>
internal sealed class TestMethods(IGatewayEventBroadcaster events) : IRpcMethodGroup
{
    public void Map(RpcMethodTable methods)
    {
        methods.Map("test.echo", OperatorScopes.Read, TestJson.Default.EchoParams, TestJson.Default.EchoResult, EchoAsync);
        methods.Map("test.admin", OperatorScopes.Admin, TestJson.Default.EchoParams, TestJson.Default.EchoResult, EchoAsync);
        methods.Map("test.sessions", OperatorScopes.SessionsRead, TestJson.Default.EchoParams, TestJson.Default.EchoResult, EchoAsync);
        methods.Map("test.open", RpcScopes.Open, TestJson.Default.EchoParams, TestJson.Default.EchoResult, EchoAsync);
        methods.Map("test.node", RpcScopes.Node, TestJson.Default.EchoParams, TestJson.Default.EchoResult, EchoAsync);
        methods.Map("test.fail", OperatorScopes.Read, TestJson.Default.EchoParams, TestJson.Default.EchoResult, FailAsync);
        methods.Map("test.twice", OperatorScopes.Read, TestJson.Default.EchoParams, TestJson.Default.EchoResult, TwiceAsync);
        methods.Map("test.broadcast", OperatorScopes.Admin, TestJson.Default.BroadcastParams, TestJson.Default.EchoResult, BroadcastAsync);
        methods.Map("test.delay", OperatorScopes.Read, TestJson.Default.DelayParams, TestJson.Default.EchoResult, DelayAsync);
    }

    private static Task<EchoResult> EchoAsync(EchoParams request, RpcContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new EchoResult(request.Text ?? "", context.Principal.Scopes));

    private static Task<EchoResult> FailAsync(EchoParams request, RpcContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("secret internal detail");

    private static Task<EchoResult> TwiceAsync(EchoParams request, RpcContext context, CancellationToken cancellationToken)
    {
        context.SendInterimResponse(new EchoResult("accepted", []), TestJson.Default.EchoResult);
        return Task.FromResult(new EchoResult("final", []));
    }

    private Task<EchoResult> BroadcastAsync(BroadcastParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var payload = new EchoResult(new string('x', request.PayloadBytes ?? 0), []);
        for (var i = 0; i < request.Count; i++)
        {
            events.Broadcast(request.Event, payload, TestJson.Default.EchoResult, request.DropIfSlow ?? false);
        }

        return Task.FromResult(new EchoResult("sent", []));
    }

    private static async Task<EchoResult> DelayAsync(DelayParams request, RpcContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(request.Milliseconds, cancellationToken);
        return new EchoResult(request.Text, []);
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record EchoParams
{
    [MaxLength(10)]
    public string? Text { get; init; }
}

internal sealed record EchoResult(string Text, IReadOnlyList<string> Scopes);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record BroadcastParams
{
    public required string Event { get; init; }
    [Range(1, 100_000)]
    public required int Count { get; init; }
    public int? PayloadBytes { get; init; }
    public bool? DropIfSlow { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record DelayParams
{
    public required int Milliseconds { get; init; }
    public required string Text { get; init; }
}

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(EchoParams))]
[JsonSerializable(typeof(EchoResult))]
[JsonSerializable(typeof(BroadcastParams))]
[JsonSerializable(typeof(DelayParams))]
internal sealed partial class TestJson : JsonSerializerContext;
