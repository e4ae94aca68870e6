using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.TestStubs;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary>What the stub model received for one run: found by a marker the test put in the user's text.</summary>
internal sealed record ModelRequest(JsonArray Messages)
{
    /// <summary>The newest request whose last user message contains <paramref name="marker"/>.</summary>
    public static ModelRequest Find(OpenAiStubServer stub, string marker)
    {
        var request = stub.Requests.LastOrDefault(r =>
            r.Body?["messages"] is JsonArray messages && LastUser(messages) is { } user && Text(user).Contains(marker, StringComparison.Ordinal));
        Assert.True(request is not null, $"the model received no request with \"{marker}\" in its last user message");
        return new ModelRequest((JsonArray)request.Body!["messages"]!);
    }

    /// <summary>The text of the last user message (text parts joined by newlines).</summary>
    public string UserText => Text(LastUser(Messages)!);

    /// <summary>The system prompt(s), joined.</summary>
    public string SystemText => string.Join("\n", Messages.OfType<JsonObject>().Where(m => Role(m) is "system" or "developer").Select(Text));

    /// <summary>The <c>image_url.url</c>s of the last user message.</summary>
    public IReadOnlyList<string> UserImageUrls => LastUser(Messages)!["content"] is JsonArray parts
        ? [.. parts.OfType<JsonObject>().Where(p => p["type"]?.GetValue<string>() == "image_url").Select(p => p["image_url"]!["url"]!.GetValue<string>())]
        : [];

    /// <summary>How many user messages carry an image part.</summary>
    public int UserMessagesWithImages => Messages.OfType<JsonObject>()
        .Count(m => Role(m) == "user" && m["content"] is JsonArray parts && parts.OfType<JsonObject>().Any(p => p["type"]?.GetValue<string>() == "image_url"));

    private static JsonObject? LastUser(JsonArray messages) => messages.OfType<JsonObject>().LastOrDefault(m => Role(m) == "user");

    private static string? Role(JsonObject message) => message["role"]?.GetValue<string>();

    private static string Text(JsonObject message) => message["content"] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray parts => string.Join("\n", parts.OfType<JsonObject>().Where(p => p["type"]?.GetValue<string>() == "text").Select(p => p["text"]!.GetValue<string>())),
        _ => "",
    };
}
