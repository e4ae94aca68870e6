// Drives our gateway's /v1/chat/completions with the official OpenAI SDK (npm "openai"), the way users' apps do.
// usage: node openai-sdk-chat.mjs <sdkDir> <baseUrl> <apiKey> <model> <message> [stream]
// Prints one JSON object: what the SDK parsed (content, finish reason, usage, chunk count, ids).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [sdkDir, baseURL, apiKey, model, message, mode] = process.argv.slice(2);
const { default: OpenAI } = await import(pathToFileURL(join(sdkDir, 'node_modules', 'openai', 'index.mjs')).href);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const messages = [{ role: 'user', content: message }];

if (mode === 'stream') {
  const stream = await client.chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } });
  let content = '', role = null, finishReason = null, usage = null, chunks = 0;
  const ids = new Set();
  for await (const chunk of stream) {
    chunks++;
    ids.add(chunk.id);
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      role ??= choice.delta?.role ?? null;
      content += choice.delta?.content ?? '';
      finishReason = choice.finish_reason ?? finishReason;
    }
  }
  console.log(JSON.stringify({ content, role, finishReason, usage, chunks, ids: [...ids] }));
} else {
  const completion = await client.chat.completions.create({ model, messages });
  const choice = completion.choices[0];
  console.log(JSON.stringify({
    id: completion.id, object: completion.object, model: completion.model,
    role: choice.message.role, content: choice.message.content, finishReason: choice.finish_reason, usage: completion.usage,
  }));
}
