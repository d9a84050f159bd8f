// The Vercel AI SDK with its default OpenAI provider (the Responses API) against Spillway.
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, generateObject, embedMany, tool, stepCountIs } from 'ai';
import { z } from 'zod';
import { env, run, routing } from './harness.mjs';

const openai = createOpenAI({ baseURL: `${env.baseUrl}/v1`, apiKey: 'sk-anything' });

await run({
  generateText: async () => {
    const result = await generateText({ model: openai(env.model), prompt: 'Hello', maxRetries: 0 });
    const sent = typeof result.request.body === 'string' ? JSON.parse(result.request.body) : result.request.body;
    // The default provider speaks the Responses API: its body has 'input', not chat's 'messages'.
    return { text: result.text, finishReason: result.finishReason, responsesApi: sent.input !== undefined && !sent.messages,
      outputTokens: result.usage.outputTokens, ...routing(new Headers(result.response.headers)) };
  },
  streamText: async () => {
    const result = streamText({ model: openai(env.model), prompt: 'Hello', maxRetries: 0 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    return { text, finishReason: await result.finishReason };
  },
  tools: async () => {
    let called = null;
    const result = await generateText({
      model: openai(env.model), prompt: 'What is the weather in Paris?', maxRetries: 0, stopWhen: stepCountIs(3),
      tools: {
        get_weather: tool({
          description: 'The weather in a city',
          inputSchema: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }),
          execute: async (input) => { called = input; return '18 degrees and sunny'; },
        }),
      },
    });
    return { called, steps: result.steps.length, text: result.text };
  },
  generateObject: async () => {
    const result = await generateObject({
      model: openai(env.model), prompt: 'Name a city', maxRetries: 0,
      schema: z.object({ city: z.string(), population: z.number().int().min(1) }) });
    return result.object;
  },
  embeddings: async () => {
    const result = await embedMany({ model: openai.embedding(env.mediaModel), values: ['hello', 'world'], maxRetries: 0 });
    return { count: result.embeddings.length, dimensions: result.embeddings[0].length };
  },
  errorUnknownModel: async () => generateText({ model: openai('no-such-model'), prompt: 'hi', maxRetries: 0 }),
  failover: async () => {
    const result = await generateText({ model: openai(env.failoverModel), prompt: 'Hello', maxRetries: 0, headers: env.failoverHeaders });
    return routing(new Headers(result.response.headers));
  },
});
