using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>Request helpers that return the raw response frame, so tests see exactly what the CLI receives.</summary>
internal static class MethodCalls
{
    private static int s_nextId;

    /// <summary>Sends the request and returns the whole <c>res</c> frame as JSON.</summary>
    public static async Task<JsonObject> CallRawAsync(this GatewayTestClient client, string method, JsonNode? parameters = null)
    {
        var id = $"m{Interlocked.Increment(ref s_nextId)}";
        var request = new JsonObject { ["type"] = "req", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            request["params"] = parameters.DeepClone();
        }

        await client.SendTextAsync(request.ToJsonString());
        return await client.NextAsync(frame => (string?)frame["type"] == "res" && (string?)frame["id"] == id);
    }

    /// <summary>Calls the method, asserts <c>ok:true</c>, and returns the payload object.</summary>
    public static async Task<JsonObject> CallOkAsync(this GatewayTestClient client, string method, JsonNode? parameters = null)
    {
        var frame = await client.CallRawAsync(method, parameters);
        Assert.True((bool?)frame["ok"] == true, $"{method} failed: {frame["error"]?.ToJsonString()}");
        return Assert.IsType<JsonObject>(frame["payload"]);
    }

    /// <summary>Calls the method, asserts <c>ok:false</c>, and returns the error object.</summary>
    public static async Task<JsonObject> CallErrorAsync(this GatewayTestClient client, string method, JsonNode? parameters = null)
    {
        var frame = await client.CallRawAsync(method, parameters);
        Assert.True((bool?)frame["ok"] == false, $"{method} unexpectedly succeeded: {frame["payload"]?.ToJsonString()}");
        return Assert.IsType<JsonObject>(frame["error"]);
    }
}

/// <summary>Field assertions in the terms of the client notes: "present with the right JSON type".</summary>
internal static class Field
{
    public static JsonNode Has(JsonObject parent, string name, JsonValueKind kind)
    {
        Assert.True(parent.ContainsKey(name), $"missing field '{name}' in {parent.ToJsonString()}");
        var node = parent[name];
        var actual = node?.GetValueKind() ?? JsonValueKind.Null;
        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            Assert.True(actual is JsonValueKind.True or JsonValueKind.False, $"'{name}' should be a boolean, is {actual}");
        }
        else
        {
            Assert.True(actual == kind, $"'{name}' should be {kind}, is {actual}");
        }

        return node!;
    }

    public static JsonObject Object(JsonObject parent, string name) => Has(parent, name, JsonValueKind.Object).AsObject();

    public static JsonArray Array(JsonObject parent, string name) => Has(parent, name, JsonValueKind.Array).AsArray();

    public static bool Bool(JsonObject parent, string name) => Has(parent, name, JsonValueKind.True).GetValue<bool>();

    public static string String(JsonObject parent, string name) => Has(parent, name, JsonValueKind.String).GetValue<string>();

    public static double Number(JsonObject parent, string name) => Has(parent, name, JsonValueKind.Number).GetValue<double>();

    /// <summary>The field is present and JSON null (upstream sends null there, not an absent field).</summary>
    public static void Null(JsonObject parent, string name)
    {
        Assert.True(parent.ContainsKey(name), $"missing field '{name}' (expected null) in {parent.ToJsonString()}");
        Assert.Null(parent[name]);
    }
}
