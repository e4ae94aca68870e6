using System.ClientModel;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using OpenAI;
using OpenAI.Chat;
using OpenClaw.TestStubs;

namespace OpenClaw.Grains.Tests.Models;

/// <summary>
/// The stubs' non-streaming answers and model lists, read with the official SDKs directly (the model clients
/// only stream, but the gateway's HTTP tests and other users of the stubs do not).
/// </summary>
public sealed class StubServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task OpenAiStub_NonStreamingRequest_AnswersOneCompletionWithToolCalls()
    {
        await using var stub = await OpenAiStubServer.StartAsync();
        stub.Enqueue(new StubReply { TextChunks = ["a", "b"], ToolCalls = [new StubToolCall("call_1", "read", """{"path":"x"}""")] });
        var chat = new ChatClient("m1", new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri(stub.BaseUrl) });

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("hi")]).WaitAsync(Timeout);

        Assert.Equal("ab", completion.Content.Single().Text);
        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal("""{"path":"x"}""", completion.ToolCalls.Single().FunctionArguments.ToString());
        Assert.False(Assert.Single(stub.Requests).IsStreaming);
    }

    [Fact]
    public async Task OpenAiStub_NonStreamingDefault_Echoes()
    {
        await using var stub = await OpenAiStubServer.StartAsync();
        var chat = new ChatClient("m1", new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri(stub.BaseUrl) });

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("hello there")]).WaitAsync(Timeout);

        Assert.Equal("echo: hello there", completion.Content.Single().Text);
        Assert.Equal(10 + 2, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task OpenAiStub_ModelList_ListsConfiguredModels()
    {
        await using var stub = await OpenAiStubServer.StartAsync(["stub-echo", "stub-two"]);
        using var http = new HttpClient();

        var json = await http.GetStringAsync(stub.BaseUrl + "/models").WaitAsync(Timeout);

        Assert.Contains("\"stub-two\"", json);
        Assert.Contains("\"object\":\"list\"", json);
    }

    [Fact]
    public async Task AnthropicStub_NonStreamingRequest_AnswersOneMessageWithBlocks()
    {
        await using var stub = await AnthropicStubServer.StartAsync();
        stub.Enqueue(new StubReply { TextChunks = ["a", "b"], ToolCalls = [new StubToolCall("toolu_1", "read", """{"path":"x"}""")] });
        using var client = new AnthropicClient(new ClientOptions { BaseUrl = stub.BaseUrl, ApiKey = "k", AuthToken = null, MaxRetries = 0 });

        var message = await client.Messages.Create(new MessageCreateParams
        {
            Model = "m1",
            MaxTokens = 100,
            Messages = [new UserMessageParam("hi")],
        }).WaitAsync(Timeout);

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("ab", text.Text);
        Assert.True(message.Content[1].TryPickToolUse(out var toolUse));
        Assert.Equal("x", toolUse.Input["path"].GetString());
        Assert.Equal("tool_use", message.StopReason!.Raw());
    }

    [Fact]
    public async Task Stubs_SetReplyForModel_AnswersThatModelOnly()
    {
        await using var stub = await OpenAiStubServer.StartAsync();
        stub.SetReplyForModel("broken", StubReply.Fail(500, "down"));
        var options = new OpenAIClientOptions { Endpoint = new Uri(stub.BaseUrl), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) };
        var broken = new ChatClient("broken", new ApiKeyCredential("k"), options);
        var fine = new ChatClient("fine", new ApiKeyCredential("k"), options);

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => broken.CompleteChatAsync([new UserChatMessage("x")]).WaitAsync(Timeout));
        ChatCompletion completion = await fine.CompleteChatAsync([new UserChatMessage("y")]).WaitAsync(Timeout);

        Assert.Equal(500, failure.Status);
        Assert.Equal("echo: y", completion.Content.Single().Text);
    }
}
