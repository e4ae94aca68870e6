using System.Net;
using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary><c>POST /tools/invoke</c>: read-only tools run over HTTP; exec and the other default-denied tools are 404.</summary>
public sealed class ToolsInvokeTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    [Fact]
    public async Task ToolsInvoke_Read_ReturnsTheFileThroughTheAgentsWorkspace()
    {
        var file = $"note-{Guid.NewGuid():N}.txt";
        await File.WriteAllTextAsync(Path.Combine(fixture.Workspace, file), "the quick brown fox");
        using var http = fixture.Client();

        using var response = await http.PostAsync("/tools/invoke", HttpApiFixture.Json(
            $$$"""{"tool":"read","args":{"path":"{{{file}}}"},"sessionKey":"main"}""")).WaitAsync(Timeout);

        var body = await BodyAsync(response, HttpStatusCode.OK);
        Assert.True(body["ok"]!.GetValue<bool>());
        var content = body["result"]!["content"]![0]!;
        Assert.Equal("text", content["type"]!.GetValue<string>());
        Assert.Contains("the quick brown fox", content["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsInvoke_NameAliasAndDryRun_DoesNotRunTheTool()
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/tools/invoke", HttpApiFixture.Json(
            """{"name":"read","args":{"path":"does-not-exist.txt"},"dryRun":true}""")).WaitAsync(Timeout);

        var body = await BodyAsync(response, HttpStatusCode.OK);
        Assert.True(body["ok"]!.GetValue<bool>());
        Assert.True(body["result"]!["dryRun"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ToolsInvoke_ToolFails_Is200WithToolError()
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/tools/invoke", HttpApiFixture.Json(
            """{"tool":"read","args":{"path":"missing-file.txt"}}""")).WaitAsync(Timeout);

        var body = await BodyAsync(response, HttpStatusCode.OK);
        Assert.False(body["ok"]!.GetValue<bool>());
        Assert.Equal("tool_error", body["error"]!["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["error"]!["message"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("exec")]
    [InlineData("write")]
    [InlineData("sessions_send")]
    [InlineData("no_such_tool")]
    public async Task ToolsInvoke_DeniedOverHttpOrUnknown_Is404NotFound(string tool)
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/tools/invoke", HttpApiFixture.Json(
            $$$"""{"tool":"{{{tool}}}","args":{"command":"echo pwned","path":"x.txt","content":"x"}}""")).WaitAsync(Timeout);

        var body = await BodyAsync(response, HttpStatusCode.NotFound);
        Assert.False(body["ok"]!.GetValue<bool>());
        Assert.Equal("not_found", body["error"]!["type"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(fixture.Workspace, "x.txt")));
    }

    [Theory]
    [InlineData("""{"args":{}}""", "tool")]
    [InlineData("""{"tool":"read","surprise":1}""", "surprise")]
    [InlineData("""{"tool":"read","args":[1]}""", "args")]
    [InlineData("""{"tool":"read","agentId":"nobody"}""", "unknown agent")]
    public async Task ToolsInvoke_InvalidBody_Is400(string body, string expected)
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/tools/invoke", HttpApiFixture.Json(body)).WaitAsync(Timeout);

        await ChatCompletionsTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", expected);
    }

    [Fact]
    public async Task ToolsInvoke_BodyOver2MB_Is413()
    {
        using var http = fixture.Client();
        var padding = new string('a', 2 * 1024 * 1024);

        using var response = await http.PostAsync("/tools/invoke", HttpApiFixture.Json(
            $$$"""{"tool":"read","args":{"path":"{{{padding}}}"}}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ToolsInvoke_WithoutBearer_Is401()
    {
        using var http = fixture.Client("");

        using var response = await http.PostAsync("/tools/invoke", HttpApiFixture.Json("""{"tool":"read"}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
