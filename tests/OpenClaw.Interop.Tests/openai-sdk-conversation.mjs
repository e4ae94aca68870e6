// Sends a whole conversation through the official OpenAI SDK (npm "openai") to our gateway, by chat completions or
// responses, streamed or not: what an app that keeps its own history sends on every turn.
// usage: node openai-sdk-conversation.mjs <sdkDir> <baseUrl> <apiKey> <chat|responses> <once|stream> <requestJson>
// requestJson: {model, messages} for chat, {model, input, instructions?} for responses.
// Prints one JSON object: the reply text the SDK assembled, plus the event types or finish reason it saw.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [sdkDir, baseURL, apiKey, api, mode, requestJson] = process.argv.slice(2);
const { default: OpenAI } = await import(pathToFileURL(join(sdkDir, 'node_modules', 'openai', 'index.mjs')).href);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const request = JSON.parse(requestJson);
const stream = mode === 'stream';

if (api === 'chat') {
  if (stream) {
    let content = '', finishReason = null;
    for await (const chunk of await client.chat.completions.create({ ...request, stream: true })) {
      for (const choice of chunk.choices) {
        content += choice.delta?.content ?? '';
        finishReason = choice.finish_reason ?? finishReason;
      }
    }
    console.log(JSON.stringify({ content, finishReason }));
  } else {
    const completion = await client.chat.completions.create(request);
    console.log(JSON.stringify({ content: completion.choices[0].message.content, finishReason: completion.choices[0].finish_reason }));
  }
} else if (stream) {
  let content = '', status = null;
  const types = [];
  for await (const event of await client.responses.create({ ...request, stream: true })) {
    types.push(event.type);
    if (event.type === 'response.output_text.delta') content += event.delta;
    if (event.type === 'response.completed') status = event.response.status;
  }
  console.log(JSON.stringify({ content, status, types }));
} else {
  const response = await client.responses.create(request);
  console.log(JSON.stringify({ content: response.output_text, status: response.status }));
}
