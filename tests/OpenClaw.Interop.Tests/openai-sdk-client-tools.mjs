// A client-tool round trip through the official OpenAI SDK (npm "openai") on our gateway's /v1/chat/completions:
// offer a function tool, get the model's call back as tool_calls, answer it with a "tool" message, get the final text.
// usage: node openai-sdk-client-tools.mjs <sdkDir> <baseUrl> <apiKey> <once|stream> <user> <toolResult>
// Prints one JSON object: the tool calls and finish reason of the first answer, the content and finish reason of the second.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [sdkDir, baseURL, apiKey, mode, user, toolResult] = process.argv.slice(2);
const { default: OpenAI } = await import(pathToFileURL(join(sdkDir, 'node_modules', 'openai', 'index.mjs')).href);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const tools = [{
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
}];
const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];

async function ask() {
  if (mode !== 'stream') {
    const completion = await client.chat.completions.create({ model: 'openclaw', user, tools, messages });
    const choice = completion.choices[0];
    return { content: choice.message.content, toolCalls: choice.message.tool_calls ?? [], finishReason: choice.finish_reason };
  }
  let content = '', finishReason = null;
  const calls = [];
  for await (const chunk of await client.chat.completions.create({ model: 'openclaw', user, tools, messages, stream: true })) {
    for (const choice of chunk.choices) {
      content += choice.delta?.content ?? '';
      for (const delta of choice.delta?.tool_calls ?? []) {
        const call = (calls[delta.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
        if (delta.id) call.id = delta.id;
        if (delta.function?.name) call.function.name += delta.function.name;
        if (delta.function?.arguments) call.function.arguments += delta.function.arguments;
      }
      finishReason = choice.finish_reason ?? finishReason;
    }
  }
  return { content: content || null, toolCalls: calls, finishReason };
}

const first = await ask();
messages.push({ role: 'assistant', content: first.content, tool_calls: first.toolCalls });
for (const call of first.toolCalls) messages.push({ role: 'tool', tool_call_id: call.id, content: toolResult });
const second = await ask();
console.log(JSON.stringify({
  toolCalls: first.toolCalls.map(c => ({ id: c.id, type: c.type, name: c.function.name, arguments: c.function.arguments })),
  firstFinishReason: first.finishReason,
  content: second.content,
  finishReason: second.finishReason,
}));
