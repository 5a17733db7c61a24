import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../src/mock-server/index.ts';
import { resolveModel } from '../../src/models/index.ts';
import { type RecordedBody, type RecordingProxy, startRecordingProxy } from '../support/recording-proxy.ts';
import { PLANTED, TEST_CONFIG } from './mock-fixture.ts';

let mock: MockServer;
let proxy: RecordingProxy;

// A recording proxy in front of the mock server: it keeps each request body as the SDK client sent it.
beforeAll(async () => {
  mock = await startMockServer({ log: () => {} });
  proxy = await startRecordingProxy(mock.url, 'sim-aligned');
});
afterAll(async () => {
  await proxy.close();
  await mock.close();
});

/** The body one request of `id` carries on the wire, with an optional reasoning setting from the config. */
async function wireBody(id: string, reasoning?: 'low'): Promise<RecordedBody> {
  const config = { ...TEST_CONFIG, models: reasoning === undefined ? {} : { [id]: { reasoning } } };
  const model = resolveModel(id, { baseUrl: proxy.url, env: PLANTED, config });
  const before = proxy.bodies.length;
  await model.generate({
    messages: [
      { role: 'system', content: 'You are Alex, an AI at SummitBridge.' },
      { role: 'user', content: 'Anything new in the inbox?' },
    ],
    temperature: 0.7,
    maxTokens: 4000,
    seed: 1,
  });
  expect(proxy.bodies.length).toBe(before + 1);
  return proxy.bodies[before] ?? {};
}

const roles = (messages: unknown) => (messages as { role: string }[]).map((m) => m.role);

describe('per model family, on the wire, through the real SDK clients', () => {
  it('openai: a chat model takes a system role and a temperature', async () => {
    const body = await wireBody('openai/gpt-4.1');
    expect(roles(body.input)).toEqual(['system', 'user']);
    expect(body).toMatchObject({ temperature: 0.7, max_output_tokens: 4000, store: false });
    expect(body.reasoning).toBeUndefined();
  });

  it.each(['openai/o3', 'openai/gpt-5'])(
    '%s: a reasoning model takes the developer role and no temperature, and its reasoning is asked for',
    async (id) => {
      const body = await wireBody(id);
      expect(roles(body.input)).toEqual(['developer', 'user']);
      expect(body).not.toHaveProperty('temperature');
      expect(body).not.toHaveProperty('max_tokens');
      expect(body).toMatchObject({ max_output_tokens: 4000, reasoning: { summary: 'auto' } });
      expect(body.include).toContain('reasoning.encrypted_content');
    },
  );

  it('anthropic: the system prompt apart, max_tokens, no seed; with thinking, its budget on top and no temperature', async () => {
    const plain = await wireBody('anthropic/claude-sonnet-4-5');
    expect(plain.system).toEqual([{ type: 'text', text: 'You are Alex, an AI at SummitBridge.' }]);
    expect(roles(plain.messages)).toEqual(['user']);
    expect(plain).toMatchObject({ max_tokens: 4000, temperature: 0.7 });
    expect(plain).not.toHaveProperty('seed');
    expect(plain).not.toHaveProperty('thinking');
    const thinking = await wireBody('anthropic/claude-sonnet-4-5', 'low');
    const budget = (thinking.thinking as { type: string; budget_tokens: number }).budget_tokens;
    expect(thinking.thinking).toEqual({ type: 'enabled', budget_tokens: budget });
    expect(budget).toBeGreaterThan(0);
    // The visible answer keeps its 4,000 tokens; the thinking budget comes on top.
    expect(thinking.max_tokens).toBe(4000 + budget);
    expect(thinking).not.toHaveProperty('temperature');
  });

  it('google: a system instruction, the limit in generationConfig, and thoughts asked of Gemini 2.5 and later', async () => {
    const thinking = await wireBody('google/gemini-2.5-pro');
    expect(thinking.systemInstruction).toEqual({ parts: [{ text: 'You are Alex, an AI at SummitBridge.' }] });
    expect(roles(thinking.contents)).toEqual(['user']);
    expect(thinking.generationConfig).toMatchObject({
      maxOutputTokens: 4000,
      temperature: 0.7,
      seed: 1,
      thinkingConfig: { includeThoughts: true },
    });
    const older = await wireBody('google/gemini-2.0-flash');
    expect(older.generationConfig).not.toHaveProperty('thinkingConfig');
  });

  it.each(['xai/grok-4', 'openrouter/openai/o3'])(
    '%s: OpenAI chat completions with a system role and max_tokens',
    async (id) => {
      const body = await wireBody(id);
      expect(roles(body.messages)).toEqual(['system', 'user']);
      expect(body).toMatchObject({ max_tokens: 4000, seed: 1 });
    },
  );

  it("openrouter: the configured reasoning goes in OpenRouter's own field", async () => {
    const body = await wireBody('openrouter/anthropic/claude-sonnet-4.5', 'low');
    expect(body.reasoning).toEqual({ effort: 'low' });
  });
});
