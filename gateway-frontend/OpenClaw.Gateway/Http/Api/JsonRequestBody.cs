using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>The parsed body, or the error response to send instead.</summary>
internal readonly record struct BodyResult<T>(T? Value, IResult? Error) where T : class;

/// <summary>
/// Reads a JSON request body under a byte limit (413 past it, without reading further) and binds it strictly with a
/// source-generated type: unknown or missing properties are a 400 naming the property.
/// </summary>
internal static class JsonRequestBody
{
    private const int ReadChunk = 16 * 1024;

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes) return new(null, HttpErrors.TooLarge(maxBytes));

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? ReadChunk, maxBytes) + 1);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(ReadChunk), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes) return new(null, HttpErrors.TooLarge(maxBytes));
        }

        if (buffer.WrittenCount == 0) return new(null, HttpErrors.BadRequest("request body must be a JSON object"));
        try
        {
            var value = JsonSerializer.Deserialize(buffer.WrittenSpan, type);
            return value is null
                ? new(null, HttpErrors.BadRequest("request body must be a JSON object"))
                : new(value, null);
        }
        catch (JsonException exception)
        {
            return new(null, HttpErrors.BadRequest($"invalid request body: {JsonErrorDescriber.Describe(exception)}"));
        }
    }
}
