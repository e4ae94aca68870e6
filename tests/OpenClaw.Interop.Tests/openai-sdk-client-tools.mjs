// A client-tool round trip through the official OpenAI SDK (npm "openai") on our gateway. Chat completions: offer a
// function tool, get the model's call back as tool_calls, answer it with a "tool" message, get the final text.
// Responses: the call comes back as a function_call output item, answered by a function_call_output item that names
// the first response in previous_response_id.
// usage: node openai-sdk-client-tools.mjs <sdkDir> <baseUrl> <apiKey> <once|stream|responses-once|responses-stream> <user> <toolResult>
// Prints one JSON object: the tool calls and finish reason (status) of the first answer, the content and finish
// reason (status) of the second.
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

if (mode.startsWith('responses')) {
  const stream = mode === 'responses-stream';
  const responseTools = [{ type: 'function', ...tools[0].function }];
  async function respond(body) {
    if (!stream) return await client.responses.create(body);
    let completed = null;
    for await (const event of await client.responses.create({ ...body, stream: true })) {
      if (event.type === 'response.completed') completed = event.response;
    }
    return completed;
  }
  const first = await respond({ model: 'openclaw', tools: responseTools, input: 'What is the weather in Paris?' });
  const calls = first.output.filter(item => item.type === 'function_call');
  const second = await respond({
    model: 'openclaw',
    tools: responseTools,
    previous_response_id: first.id,
    input: calls.map(call => ({ type: 'function_call_output', call_id: call.call_id, output: toolResult })),
  });
  console.log(JSON.stringify({
    toolCalls: calls.map(c => ({ id: c.call_id, type: 'function', name: c.name, arguments: c.arguments })),
    firstFinishReason: first.status,
    content: second.output_text ?? second.output.filter(i => i.type === 'message').flatMap(i => i.content).map(p => p.text).join(''),
    finishReason: second.status,
  }));
  process.exit(0);
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
