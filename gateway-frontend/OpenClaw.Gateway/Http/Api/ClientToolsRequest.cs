using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>
/// The <c>tools</c> and <c>tool_choice</c> of an OpenAI-style request, as openclaw's <c>openresponses-http.ts</c> and
/// <c>openai-tool-choice.ts</c> read them: function tools in the chat shape (<c>{type, function:{name, description,
/// parameters}}</c>) or the Responses shape (<c>{type, name, description, parameters}</c>); <c>tool_choice</c>
/// <c>none</c> drops them, <c>required</c> needs at least one, a named function narrows them to that one. A
/// <c>required</c> or named choice is also a <see cref="Constraint"/>: a nudge in the system prompt and a check of the
/// run's tool calls afterwards, as providers may ignore it.
/// </summary>
internal sealed partial record ClientToolsRequest(ClientToolSet? Tools, ClientToolChoice? Constraint)
{
    /// <summary>OpenAI's limit on tools per request.</summary>
    public const int MaxTools = 128;

    public static readonly ClientToolsRequest None = new(null, null);

    /// <summary>Extra system prompt asking the model to honour the constraint; null without one.</summary>
    public string? ConstraintPrompt => Constraint switch
    {
        { Mode: ClientToolChoice.Function, Name: { } name } => $"You must call the {name} tool before responding.",
        { Mode: ClientToolChoice.Required } => "You must call one of the available tools before responding.",
        _ => null,
    };

    /// <summary>True when the run's client tool calls honour the constraint (always true without one).</summary>
    public bool IsSatisfiedBy(IReadOnlyList<PendingToolCall> calls) => Constraint switch
    {
        null => true,
        { Mode: ClientToolChoice.Function, Name: var name } => calls.Any(c => c.Name == name),
        _ => calls.Count > 0,
    };

    public string UnsatisfiedMessage => Constraint is { Mode: ClientToolChoice.Function, Name: var name }
        ? $"tool_choice required a {name} tool call, but the agent did not produce one"
        : "tool_choice=required was not satisfied by the agent response";

    public static bool TryRead(JsonElement? tools, JsonElement? toolChoice, out ClientToolsRequest request, out string? error)
    {
        request = None;
        if (!TryReadTools(tools, out var definitions, out error)) return false;
        if (toolChoice is not { ValueKind: not JsonValueKind.Null } choice)
        {
            request = definitions.Count == 0 ? None : new ClientToolsRequest(new ClientToolSet(definitions), null);
            return true;
        }

        switch (choice.ValueKind == JsonValueKind.String ? choice.GetString() : null)
        {
            case "none":
                return true;
            case "auto":
                request = definitions.Count == 0 ? None : new ClientToolsRequest(new ClientToolSet(definitions, ClientToolChoice.AutoChoice), null);
                return true;
            case "required":
                if (definitions.Count == 0) return Fail("tool_choice=required but no tools were provided", out error);
                var required = new ClientToolChoice(ClientToolChoice.Required);
                request = new ClientToolsRequest(new ClientToolSet(definitions, required), required);
                return true;
        }

        if (choice.ValueKind != JsonValueKind.Object || String(choice, "type") != "function")
            return Fail("tool_choice must be \"none\", \"auto\", \"required\" or {\"type\":\"function\",\"function\":{\"name\"}}", out error);
        var name = (choice.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object ? String(function, "name") : String(choice, "name"))?.Trim();
        if (string.IsNullOrEmpty(name)) return Fail("tool_choice.function.name is required", out error);
        var matched = definitions.Where(d => d.Name == name).ToList();
        if (matched.Count == 0) return Fail($"tool_choice requested unknown tool: {name}", out error);
        var named = new ClientToolChoice(ClientToolChoice.Function, name);
        request = new ClientToolsRequest(new ClientToolSet(matched, named), named);
        return true;
    }

    private static bool TryReadTools(JsonElement? tools, out List<ClientToolDefinition> definitions, out string? error)
    {
        definitions = [];
        error = null;
        if (tools is not { ValueKind: not JsonValueKind.Null } value) return true;
        if (value.ValueKind != JsonValueKind.Array) return Fail("tools must be an array of function tools", out error);
        if (value.GetArrayLength() > MaxTools) return Fail($"tools: at most {MaxTools} tools are allowed", out error);

        var index = 0;
        foreach (var tool in value.EnumerateArray())
        {
            var path = $"tools[{index++}]";
            if (tool.ValueKind != JsonValueKind.Object || String(tool, "type") != "function")
                return Fail($"{path}.type must be \"function\" (only function tools are supported)", out error);
            var nested = tool.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object;
            var spec = nested ? function : tool;
            var specPath = nested ? $"{path}.function" : path;
            if (String(spec, "name") is not { } name || !ToolName().IsMatch(name))
                return Fail($"{specPath}.name must be 1-64 letters, digits, underscores or dashes", out error);
            if (definitions.Any(d => d.Name == name)) return Fail($"{specPath}.name: duplicate tool name \"{name}\"", out error);
            if (spec.TryGetProperty("description", out var description) && description.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return Fail($"{specPath}.description must be a string", out error);

            JsonObject parameters;
            if (spec.TryGetProperty("parameters", out var schema) && schema.ValueKind != JsonValueKind.Null)
            {
                if (schema.ValueKind != JsonValueKind.Object) return Fail($"{specPath}.parameters must be a JSON Schema object", out error);
                parameters = JsonNode.Parse(schema.GetRawText())!.AsObject();
            }
            else
            {
                parameters = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
            }

            definitions.Add(new ClientToolDefinition(name, String(spec, "description"), parameters));
        }

        return true;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ToolName();
}
