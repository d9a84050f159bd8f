// Anthropic's official Node SDK against Spillway's /v1/messages: plain, streams, tools, images, errors.
import Anthropic from '@anthropic-ai/sdk';
import { env, run, routing, weatherTool } from './harness.mjs';

const client = new Anthropic({ baseURL: env.baseUrl, apiKey: 'sk-ant-anything', maxRetries: 0 });
const tools = [{ name: weatherTool.name, description: weatherTool.description, input_schema: weatherTool.parameters }];
// A 1x1 PNG, as an image block.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

await run({
  messages: async () => {
    const { data, response } = await client.messages.create({
      model: env.model, max_tokens: 200, system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Hello' }] }).withResponse();
    return { text: data.content[0].text, stopReason: data.stop_reason, outputTokens: data.usage.output_tokens, ...routing(response.headers) };
  },
  messagesStream: async () => {
    const stream = client.messages.stream({ model: env.model, max_tokens: 200, messages: [{ role: 'user', content: 'Hello' }] });
    const types = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    return { text: message.content[0].text, stopReason: message.stop_reason, first: types[0], last: types.at(-1) };
  },
  messagesTools: async () => {
    const question = { role: 'user', content: 'What is the weather in Paris?' };
    const first = await client.messages.create({
      model: env.model, max_tokens: 200, tools, tool_choice: { type: 'any' }, messages: [question] });
    const use = first.content.find((block) => block.type === 'tool_use');
    const second = await client.messages.create({
      model: env.model, max_tokens: 200, tools,
      messages: [question, { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '18 degrees and sunny' }] }] });
    return { name: use.name, input: use.input, stopReason: first.stop_reason, answer: second.content[0].text };
  },
  messagesToolsStream: async () => {
    const stream = client.messages.stream({
      model: env.model, max_tokens: 200, tools, tool_choice: { type: 'tool', name: weatherTool.name },
      messages: [{ role: 'user', content: 'Weather?' }] });
    const message = await stream.finalMessage();
    const use = message.content.find((block) => block.type === 'tool_use');
    return { name: use.name, input: use.input };
  },
  messagesImage: async () => {
    const message = await client.messages.create({
      model: env.model, max_tokens: 200, messages: [{ role: 'user', content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } },
        { type: 'text', text: 'What is in this image?' }] }] });
    return { text: message.content[0].text };
  },
  errorUnknownModel: async () => client.messages.create({ model: 'no-such-model', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
  errorBadRequest: async () => client.messages.create({ model: env.model, max_tokens: 0, messages: [{ role: 'user', content: 'hi' }] }),
  failover: async () => {
    const { response } = await client.messages.create(
      { model: env.failoverModel, max_tokens: 50, messages: [{ role: 'user', content: 'Hello' }] },
      { headers: env.failoverHeaders }).withResponse();
    return routing(response.headers);
  },
  failoverStream: async () => {
    const stream = client.messages.stream(
      { model: env.failoverModel, max_tokens: 50, messages: [{ role: 'user', content: 'Hello' }] }, { headers: env.failoverHeaders });
    const message = await stream.finalMessage();
    const { response } = await stream.withResponse();
    return { text: message.content[0].text, ...routing(response.headers) };
  },
});
