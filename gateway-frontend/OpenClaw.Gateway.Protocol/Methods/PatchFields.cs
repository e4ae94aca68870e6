using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// A <c>sessions.patch</c> field that tells "absent" (leave as is) from <c>null</c> (clear) from a value (set).
/// A struct, so the serializer hands JSON null to its converter instead of skipping it.
/// </summary>
[JsonConverter(typeof(PatchStringConverter))]
public readonly record struct PatchString(bool IsPresent, string? Value);

/// <summary>As <see cref="PatchString"/>, for booleans.</summary>
[JsonConverter(typeof(PatchBoolConverter))]
public readonly record struct PatchBool(bool IsPresent, bool? Value);

public sealed class PatchStringConverter : JsonConverter<PatchString>
{
    public override PatchString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => new PatchString(true, null),
        JsonTokenType.String => new PatchString(true, reader.GetString()),
        _ => throw new JsonException("must be string or null"),
    };

    public override void Write(Utf8JsonWriter writer, PatchString value, JsonSerializerOptions options)
    {
        if (value.Value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value.Value);
    }
}

public sealed class PatchBoolConverter : JsonConverter<PatchBool>
{
    public override PatchBool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => new PatchBool(true, null),
        JsonTokenType.True => new PatchBool(true, true),
        JsonTokenType.False => new PatchBool(true, false),
        _ => throw new JsonException("must be boolean or null"),
    };

    public override void Write(Utf8JsonWriter writer, PatchBool value, JsonSerializerOptions options)
    {
        if (value.Value is { } flag) writer.WriteBooleanValue(flag);
        else writer.WriteNullValue();
    }
}
