using System.Text.Json;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Handshake;

/// <summary>
/// Checks <c>connect.params</c> against the closed ConnectParams schema (enums for client id and mode, no unknown
/// properties anywhere) with openclaw-style messages, then binds the record.
/// </summary>
internal static class ConnectParamsValidator
{
    private static readonly HashSet<string> RootProperties =
    [
        "minProtocol", "maxProtocol", "client", "role", "scopes", "caps", "commands", "permissions", "pathEnv",
        "locale", "userAgent", "auth", "device", "modelCatalog",
    ];

    private static readonly string[] ClientRequired = ["id", "version", "platform", "mode"];
    private static readonly HashSet<string> ClientProperties =
        [.. ClientRequired, "displayName", "buildId", "deviceFamily", "modelIdentifier", "timeZone", "instanceId"];

    private static readonly HashSet<string> AuthProperties =
        ["token", "bootstrapToken", "deviceToken", "password", "approvalRuntimeToken", "agentRuntimeIdentityToken"];

    private static readonly string[] DeviceRequired = ["id", "publicKey", "signature", "signedAt"];
    private static readonly HashSet<string> DeviceProperties = [.. DeviceRequired, "nonce"];

    /// <returns>The bound params, or null with <paramref name="reasons"/> set.</returns>
    public static ConnectParams? Validate(JsonElement? raw, out string reasons)
    {
        var errors = new SchemaErrors();
        if (raw is not { ValueKind: JsonValueKind.Object } root)
        {
            errors.Type("", "object");
            reasons = errors.ToString();
            return null;
        }

        CheckRoot(root, errors);
        if (errors.Any)
        {
            reasons = errors.ToString();
            return null;
        }

        try
        {
            reasons = "";
            return root.Deserialize(ProtocolJson.Default.ConnectParams);
        }
        catch (JsonException exception)
        {
            reasons = JsonErrorDescriber.Describe(exception);
            return null;
        }
    }

    private static void CheckRoot(JsonElement root, SchemaErrors errors)
    {
        Required(root, "", ["minProtocol", "maxProtocol", "client"], errors);
        Closed(root, "", RootProperties, errors);
        Integer(root, "minProtocol", "", errors);
        Integer(root, "maxProtocol", "", errors);
        if (root.TryGetProperty("client", out var client))
        {
            CheckClient(client, errors);
        }

        OptionalString(root, "role", "", errors);
        StringArray(root, "scopes", errors);
        StringArray(root, "caps", errors);
        StringArray(root, "commands", errors);
        if (root.TryGetProperty("permissions", out var permissions) && permissions.ValueKind != JsonValueKind.Object)
        {
            errors.Type("/permissions", "object");
        }

        OptionalString(root, "pathEnv", "", errors);
        OptionalString(root, "locale", "", errors);
        OptionalString(root, "userAgent", "", errors);
        if (root.TryGetProperty("auth", out var auth))
        {
            CheckObject(auth, "/auth", [], AuthProperties, errors);
        }

        if (root.TryGetProperty("device", out var device))
        {
            CheckDevice(device, errors);
        }
    }

    private static void CheckClient(JsonElement client, SchemaErrors errors)
    {
        if (!CheckObject(client, "/client", ClientRequired, ClientProperties, errors))
        {
            return;
        }

        Enum(client, "id", "/client", ConnectClientIds.Ids, errors);
        Enum(client, "mode", "/client", ConnectClientIds.Modes, errors);
    }

    private static void CheckDevice(JsonElement device, SchemaErrors errors)
    {
        if (device.ValueKind != JsonValueKind.Object)
        {
            errors.Type("/device", "object");
            return;
        }

        Required(device, "/device", DeviceRequired, errors);
        Closed(device, "/device", DeviceProperties, errors);
        foreach (var name in (ReadOnlySpan<string>)["id", "publicKey", "signature", "nonce"])
        {
            OptionalString(device, name, "/device", errors);
        }

        Integer(device, "signedAt", "/device", errors);
    }

    /// <summary>An object whose listed properties are all optional-or-required strings and nothing else.</summary>
    private static bool CheckObject(JsonElement value, string pointer, IEnumerable<string> required, HashSet<string> allowed, SchemaErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Type(pointer, "object");
            return false;
        }

        Required(value, pointer, required, errors);
        Closed(value, pointer, allowed, errors);
        foreach (var property in value.EnumerateObject())
        {
            if (allowed.Contains(property.Name) && property.Value.ValueKind != JsonValueKind.String)
            {
                errors.Type($"{pointer}/{property.Name}", "string");
            }
        }

        return true;
    }

    private static void Required(JsonElement value, string pointer, IEnumerable<string> names, SchemaErrors errors)
    {
        foreach (var name in names)
        {
            if (!value.TryGetProperty(name, out _))
            {
                errors.Required(pointer, name);
            }
        }
    }

    private static void Closed(JsonElement value, string pointer, HashSet<string> allowed, SchemaErrors errors)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                errors.Unexpected(pointer, property.Name);
            }
        }
    }

    private static void Integer(JsonElement value, string name, string pointer, SchemaErrors errors)
    {
        if (value.TryGetProperty(name, out var number) && !(number.ValueKind == JsonValueKind.Number && number.TryGetInt64(out _)))
        {
            errors.Type($"{pointer}/{name}", "integer");
        }
    }

    private static void OptionalString(JsonElement value, string name, string pointer, SchemaErrors errors)
    {
        if (value.TryGetProperty(name, out var text) && text.ValueKind != JsonValueKind.String)
        {
            errors.Type($"{pointer}/{name}", "string");
        }
    }

    private static void StringArray(JsonElement value, string name, SchemaErrors errors)
    {
        if (!value.TryGetProperty(name, out var array))
        {
            return;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Type("/" + name, "array");
            return;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Type($"/{name}/{index}", "string");
            }

            index++;
        }
    }

    private static void Enum(JsonElement value, string name, string pointer, IReadOnlyList<string> allowed, SchemaErrors errors)
    {
        if (value.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String && !allowed.Contains(text.GetString()!))
        {
            errors.Add($"{pointer}/{name}", "must be equal to one of the allowed values");
        }
    }
}
