// The official OpenAI Node SDK against Spillway: chat completions, the Responses API, media, errors.
import OpenAI, { toFile } from 'openai';
import { env, run, routing, weatherTool, citySchema } from './harness.mjs';

const client = new OpenAI({ baseURL: `${env.baseUrl}/v1`, apiKey: 'sk-anything', maxRetries: 0 });
const user = (content) => [{ role: 'user', content }];

await run({
  modelsList: async () => (await client.models.list()).data.map((m) => m.id),
  modelsRetrieve: async () => {
    const model = await client.models.retrieve(env.model);
    return { id: model.id, object: model.object };
  },
  chat: async () => {
    const { data, response } = await client.chat.completions.create({ model: env.model, messages: user('Hello') }).withResponse();
    return { text: data.choices[0].message.content, ...routing(response.headers) };
  },
  chatStream: async () => {
    const stream = await client.chat.completions.create({ model: env.model, messages: user('Hello'), stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    return { text };
  },
  chatTools: async () => {
    const tools = [{ type: 'function', function: weatherTool }];
    const first = await client.chat.completions.create({
      model: env.model, messages: user('What is the weather in Paris?'), tools, tool_choice: 'required' });
    const call = first.choices[0].message.tool_calls[0];
    const second = await client.chat.completions.create({
      model: env.model, tools,
      messages: [...user('What is the weather in Paris?'), first.choices[0].message,
        { role: 'tool', tool_call_id: call.id, content: '18 degrees and sunny' }],
    });
    return { name: call.function.name, arguments: JSON.parse(call.function.arguments), answer: second.choices[0].message.content };
  },
  chatJsonSchema: async () => {
    const completion = await client.chat.completions.create({
      model: env.model, messages: user('Name a city'),
      response_format: { type: 'json_schema', json_schema: { name: 'city', schema: citySchema, strict: true } } });
    return JSON.parse(completion.choices[0].message.content);
  },
  responses: async () => {
    const { data, response } = await client.responses.create({ model: env.model, input: 'Hello', instructions: 'Be brief.' }).withResponse();
    return { text: data.output_text, status: data.status, ...routing(response.headers) };
  },
  responsesStream: async () => {
    const stream = await client.responses.create({ model: env.model, input: 'Hello', stream: true });
    const types = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    return { text, first: types[0], last: types.at(-1) };
  },
  responsesTools: async () => {
    const tools = [{ type: 'function', ...weatherTool, strict: true }];
    const first = await client.responses.create({ model: env.model, input: 'Weather in Paris?', tools, tool_choice: 'required' });
    const call = first.output.find((item) => item.type === 'function_call');
    const second = await client.responses.create({
      model: env.model, tools,
      input: [{ role: 'user', content: 'Weather in Paris?' }, call,
        { type: 'function_call_output', call_id: call.call_id, output: '18 degrees and sunny' }],
    });
    return { name: call.name, arguments: JSON.parse(call.arguments), answer: second.output_text };
  },
  responsesJsonSchema: async () => {
    const response = await client.responses.create({
      model: env.model, input: 'Name a city',
      text: { format: { type: 'json_schema', name: 'city', schema: citySchema, strict: true } } });
    return JSON.parse(response.output_text);
  },
  embeddings: async () => {
    const result = await client.embeddings.create({ model: env.mediaModel, input: ['hello', 'world'] });
    return { count: result.data.length, dimensions: result.data[0].embedding.length, first: result.data[0].embedding[0] };
  },
  images: async () => {
    const result = await client.images.generate({ model: env.mediaModel, prompt: 'a lighthouse', size: '256x256' });
    return { count: result.data.length, pngBytes: Buffer.from(result.data[0].b64_json, 'base64').subarray(1, 4).toString() };
  },
  speech: async () => {
    const response = await client.audio.speech.create({ model: env.mediaModel, voice: 'alloy', input: 'Hello there', response_format: 'wav' });
    const audio = Buffer.from(await response.arrayBuffer());
    return { contentType: response.headers.get('content-type'), riff: audio.subarray(0, 4).toString() };
  },
  transcription: async () => {
    const wav = Buffer.from(await (await client.audio.speech.create({
      model: env.mediaModel, voice: 'alloy', input: 'Hello there', response_format: 'wav' })).arrayBuffer());
    const result = await client.audio.transcriptions.create({ model: env.mediaModel, file: await toFile(wav, 'hello.wav') });
    return { text: result.text };
  },
  errorUnknownModel: async () => client.chat.completions.create({ model: 'no-such-model', messages: user('hi') }),
  errorBadParameter: async () => client.chat.completions.create({ model: env.model, messages: user('hi'), temperature: 'hot' }),
  failover: async () => {
    const { response } = await client.chat.completions
      .create({ model: env.failoverModel, messages: user('Hello') }, { headers: env.failoverHeaders }).withResponse();
    return routing(response.headers);
  },
});
