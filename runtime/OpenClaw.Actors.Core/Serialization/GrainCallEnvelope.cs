using System.Text.Json.Serialization;
using System.Text.Json;

namespace OpenClaw.Actors.Serialization;

/// <summary>
/// A grain call as it crosses a process boundary. <see cref="Arguments"/> holds one JSON value per declared parameter
/// (the cancellation token is never sent), each written with its declared type. <see cref="DeadlineUnixMs"/> is when
/// the caller stops waiting; the callee's token fires then.
/// </summary>
public sealed record GrainCallEnvelope(
    string Target,
    string GrainType,
    string Interface,
    string Method,
    IReadOnlyList<JsonElement> Arguments,
    long DeadlineUnixMs,
    string CorrelationId);

/// <summary>The answer to a <see cref="GrainCallEnvelope"/>: a result (absent for a <see cref="Task"/> method) or an error.</summary>
public sealed record GrainResponseEnvelope(string CorrelationId, [property: JsonPropertyName("result")] JsonElement? ResultJson = null, GrainError? Error = null);

/// <summary>
/// An exception that crossed the boundary. <see cref="Type"/> is one of <see cref="GrainErrorTypes"/> for the types
/// that are recreated as themselves; any other value is the original .NET type name, recreated as
/// <see cref="GrainInvocationException"/>.
/// </summary>
public sealed record GrainError(string Type, string Message, string? Code = null, bool? Retryable = null, int? Limit = null);
