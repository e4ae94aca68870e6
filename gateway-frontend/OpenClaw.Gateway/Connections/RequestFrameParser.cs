using System.Text.Json;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Parses one text message once and checks it against the closed RequestFrame schema:
/// <c>{type:"req", id: non-empty string, method: non-empty string, params?, traceparent? (≤128), expectedProfileId?}</c>.
/// </summary>
internal static class RequestFrameParser
{

    public static InboundFrame Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            return InboundFrame.NotJson.Instance;
        }

        using (document)
        {
            return Validate(document.RootElement);
        }
    }

    private static InboundFrame Validate(JsonElement root)
    {
        var errors = new SchemaErrors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Type("", "object");
            return new InboundFrame.Invalid(errors.ToString());
        }

        foreach (var required in (ReadOnlySpan<string>)["type", "id", "method"])
        {
            if (!root.TryGetProperty(required, out _))
            {
                errors.Required("", required);
            }
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!IsKnown(property))
            {
                errors.Unexpected("", property.Name);
            }
        }

        if (root.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.ValueEquals(FrameTypes.Request)))
        {
            errors.Add("/type", "must be equal to constant");
        }

        var id = NonEmptyString(root, "id", errors);
        var method = NonEmptyString(root, "method", errors);
        OptionalString(root, "traceparent", maxLength: 128, errors);
        OptionalString(root, "expectedProfileId", maxLength: null, errors);

        if (errors.Any || id is null || method is null)
        {
            return new InboundFrame.Invalid(errors.ToString());
        }

        JsonElement? parameters = root.TryGetProperty("params", out var p) ? p.Clone() : null;
        return new InboundFrame.Request(id, method, parameters);
    }

    /// <summary>Compares the UTF-8 name in place: a valid frame's property names are never turned into strings.</summary>
    private static bool IsKnown(JsonProperty property) =>
        property.NameEquals("type"u8) || property.NameEquals("id"u8) || property.NameEquals("method"u8)
        || property.NameEquals("params"u8) || property.NameEquals("traceparent"u8) || property.NameEquals("expectedProfileId"u8);

    private static string? NonEmptyString(JsonElement root, string name, SchemaErrors errors)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Type("/" + name, "string");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length == 0)
        {
            errors.Add("/" + name, "must NOT have fewer than 1 characters");
            return null;
        }

        return text;
    }

    private static void OptionalString(JsonElement root, string name, int? maxLength, SchemaErrors errors)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Type("/" + name, "string");
        }
        else if (maxLength is { } max && value.GetString()!.Length > max)
        {
            errors.Add("/" + name, $"must NOT have more than {max} characters");
        }
    }
}
