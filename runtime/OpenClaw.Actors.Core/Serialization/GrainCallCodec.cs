using System.Text.Json;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Metadata;

namespace OpenClaw.Actors.Serialization;

/// <summary>
/// Encodes grain calls and their answers as JSON with <see cref="ActorJson.Options"/>, for transports that leave the
/// process. Arguments and results are written with their declared types, so a type that does not round-trip fails
/// here, in tests, rather than in production. Decoding calls needs the receiving side's <see cref="IGrainMethodResolver"/>;
/// a pure caller (a front node) encodes calls and decodes answers without one.
/// </summary>
public sealed class GrainCallCodec(IGrainMethodResolver? resolver = null)
{
    public GrainCallEnvelope ToEnvelope(GrainCall call, string correlationId)
    {
        var method = call.Method;
        if (call.Arguments.Length != method.ParameterTypes.Count)
            throw new ArgumentException($"{method} takes {method.ParameterTypes.Count} arguments; the call has {call.Arguments.Length}.", nameof(call));

        var arguments = new JsonElement[call.Arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
            arguments[i] = JsonSerializer.SerializeToElement(call.Arguments[i], method.ParameterTypes[i], ActorJson.Options);

        return new GrainCallEnvelope(
            call.Target.ToString(), call.Target.Type.Value, InterfaceNameOf(method), method.Name, arguments,
            call.Deadline.ToUnixTimeMilliseconds(), correlationId);
    }

    public GrainCall FromEnvelope(GrainCallEnvelope envelope)
    {
        var target = GrainId.Parse(envelope.Target);
        if (resolver is null) throw new InvalidOperationException("This codec has no method resolver; only the silo side can decode calls.");
        var method = resolver.ResolveMethod(target.Type, envelope.Interface, envelope.Method);
        if (envelope.Arguments.Count != method.ParameterTypes.Count)
            throw new ArgumentException($"{method} takes {method.ParameterTypes.Count} arguments; the message has {envelope.Arguments.Count}.");

        var arguments = new object?[envelope.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
            arguments[i] = envelope.Arguments[i].Deserialize(method.ParameterTypes[i], ActorJson.Options);

        return new GrainCall(target, method, arguments, DateTimeOffset.FromUnixTimeMilliseconds(envelope.DeadlineUnixMs));
    }

    public byte[] EncodeCall(GrainCall call, string correlationId) => JsonSerializer.SerializeToUtf8Bytes(ToEnvelope(call, correlationId), ActorJson.Options);

    public GrainCall DecodeCall(ReadOnlySpan<byte> utf8Json) => FromEnvelope(DecodeCallEnvelope(utf8Json));

    public GrainCallEnvelope DecodeCallEnvelope(ReadOnlySpan<byte> utf8Json) => Deserialize<GrainCallEnvelope>(utf8Json);

    public byte[] EncodeResult(string correlationId, GrainMethodDescriptor method, object? result)
    {
        JsonElement? element = method.ResultType is null ? null : JsonSerializer.SerializeToElement(result, method.ResultType, ActorJson.Options);
        return JsonSerializer.SerializeToUtf8Bytes(new GrainResponseEnvelope(correlationId, element), ActorJson.Options);
    }

    public byte[] EncodeError(string correlationId, Exception exception) =>
        JsonSerializer.SerializeToUtf8Bytes(new GrainResponseEnvelope(correlationId, Error: GrainErrorCodec.ToError(exception)), ActorJson.Options);

    public GrainResponseEnvelope DecodeResponseEnvelope(ReadOnlySpan<byte> utf8Json) => Deserialize<GrainResponseEnvelope>(utf8Json);

    /// <summary>The call's result, or the recreated exception thrown.</summary>
    public object? DecodeResult(ReadOnlySpan<byte> utf8Json, GrainCall call)
    {
        var response = DecodeResponseEnvelope(utf8Json);
        if (response.Error is { } error) throw GrainErrorCodec.ToException(error, call.Target);
        if (call.Method.ResultType is not { } resultType || response.ResultJson is not { } result) return null;
        return result.Deserialize(resultType, ActorJson.Options);
    }

    private static string InterfaceNameOf(GrainMethodDescriptor method) => method.InterfaceType.FullName ?? method.InterfaceType.Name;

    private static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, ActorJson.Options) ?? throw new JsonException($"A {typeof(T).Name} was null.");
}
