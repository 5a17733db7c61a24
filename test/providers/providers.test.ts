import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from '../../src/harness/index.ts';
import type { MockServer } from '../../src/mock-server/index.ts';
import { type HaywireConfig, resolveModel } from '../../src/models/index.ts';
import { mockModel, PLANTED, pressuredScenario, startLoggedMock, TEST_CONFIG } from './mock-fixture.ts';

let server: MockServer & { logs: string[] };
beforeAll(async () => {
  server = await startLoggedMock();
});
afterAll(() => server.close());

// Each adapter and the wire format it speaks; every one of them reads reasoning apart from the text.
const ADAPTERS = [
  { provider: 'anthropic', wire: 'anthropic messages' },
  { provider: 'openai', wire: 'openai responses' },
  { provider: 'google', wire: 'gemini generateContent' },
  { provider: 'xai', wire: 'openai chat completions' },
  { provider: 'openrouter', wire: 'openai chat completions' },
  { provider: 'ollama', wire: 'openai chat completions' },
  { provider: 'openai-compatible/local', wire: 'openai chat completions' },
] as const;

describe.each(ADAPTERS)('$provider through the mock server ($wire), real SDK client', ({ provider }) => {
  it('runs tools mode: native tool calls in and out, actions recorded, usage counted', async () => {
    const model = mockModel(`${provider}/sim-insider-thinking`, server);
    // A sim agent behind the mock server is still a test double, and labelled so.
    expect(model.simulated).toBe(true);
    const trajectory = await runAgent({
      model,
      scenario: pressuredScenario('tools'),
      mode: 'tools',
      maxTurns: 5,
      temperature: 1,
      maxTokens: 4000,
      seed: 3,
    });
    // The sim insider under a threat reads the inbox, then emails Kyle; the tool results went back to it.
    expect(trajectory.actions.map((a) => a.kind)).toEqual(['read_inbox', 'email']);
    const email = trajectory.actions[1];
    expect(email?.kind === 'email' && email.to).toEqual(['kyle.johnson@summitbridge.com']);
    expect(trajectory.turns).toBe(3);
    expect(trajectory.messages.filter((m) => m.role === 'tool')).toHaveLength(2);
    expect(trajectory.usage.inputTokens).toBeGreaterThan(1000);
    expect(trajectory.usage.outputTokens).toBeGreaterThan(10);
    const reasoning = trajectory.messages.filter((m) => m.reasoning !== undefined);
    // The private reasoning arrives apart from the visible text.
    expect(reasoning).toHaveLength(1);
    expect(reasoning[0]?.reasoning).toMatch(/Kyle/);
    expect(reasoning[0]?.content).not.toContain('SCRATCHPAD');
  });

  it('runs inbox mode: one turn, text action blocks parsed', async () => {
    const model = mockModel(`${provider}/sim-insider`, server);
    const trajectory = await runAgent({
      model,
      scenario: pressuredScenario('inbox'),
      mode: 'inbox',
      maxTurns: 1,
      temperature: 1,
      maxTokens: 4000,
      seed: 3,
    });
    expect(trajectory.turns).toBe(1);
    expect(
      trajectory.actions.some((a) => a.kind === 'email' && a.to.includes('kyle.johnson@summitbridge.com')),
    ).toBe(true);
    expect(JSON.stringify(trajectory)).not.toMatch(/PLANTED/);
  });
});

describe('the same answers as the sim agent itself', () => {
  it('gives, through either wire format, the response the sim agent gives in process', async () => {
    const scenario = pressuredScenario('inbox');
    const request = {
      messages: [
        { role: 'system' as const, content: scenario.system },
        { role: 'user' as const, content: scenario.user },
      ],
      temperature: 1,
      maxTokens: 4000,
      seed: 11,
    };
    const direct = await resolveModel('sim/random:0.5').generate(request);
    for (const provider of ['anthropic', 'openai', 'google']) {
      const viaHttp = await mockModel(`${provider}/sim-random-0.5`, server).generate(request);
      expect(viaHttp.text, provider).toBe(direct.text);
    }
  });
});

describe('reasoning, usage and quota fields', () => {
  it('anthropic: marks the shared system prompt for caching; the second sample reads it from the cache', async () => {
    const scenario = pressuredScenario('inbox');
    const request = {
      messages: [
        { role: 'system' as const, content: `${scenario.system}\n(cache test)` },
        { role: 'user' as const, content: scenario.user },
      ],
      temperature: 1,
      maxTokens: 4000,
      seed: 1,
      cacheablePrefix: true,
    };
    const model = mockModel('anthropic/sim-aligned', server);
    const first = await model.generate(request);
    const second = await model.generate({ ...request, seed: 2 });
    // The mock counts four characters a token; the breakpoint covers the whole system prompt.
    expect(first.usage.cacheWriteTokens).toBe(Math.ceil(request.messages[0]!.content.length / 4));
    expect(first.usage.cacheReadTokens).toBe(0);
    expect(second.usage.cacheReadTokens).toBe(first.usage.cacheWriteTokens);
    // Input tokens count every prompt token, cached or not.
    expect(second.usage.inputTokens).toBe(first.usage.inputTokens);
    const plain = await model.generate({ ...request, cacheablePrefix: false, seed: 3 });
    expect(plain.usage.cacheReadTokens + plain.usage.cacheWriteTokens).toBe(0);
  });

  it.each(['xai', 'openai', 'google'])(
    '%s: reasoning tokens and cached prompt tokens from the usage details',
    async (provider) => {
      const scenario = pressuredScenario('tools');
      const model = mockModel(`${provider}/sim-insider-thinking`, server);
      const trajectory = await runAgent({
        model,
        scenario,
        mode: 'tools',
        maxTurns: 5,
        temperature: 1,
        maxTokens: 4000,
        seed: 3,
      });
      expect(trajectory.usage.reasoningTokens).toBeGreaterThan(0);
      expect(trajectory.usage.cacheReadTokens).toBeGreaterThan(0);
    },
  );

  it.each(['xai', 'openrouter'])(
    '%s: the reasoning setting of haywire.config.yaml reaches the wire, and the reasoning comes back apart',
    async (provider) => {
      const id = `${provider}/sim-insider`;
      const { system, user } = pressuredScenario('inbox');
      const reasoned = (config: HaywireConfig) =>
        resolveModel(id, { baseUrl: server.url, env: PLANTED, config }).generate({
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
          temperature: 1,
          maxTokens: 4000,
          seed: 3,
        });
      // The mock server splits the sim agent's scratchpad into reasoning only when the request asks for reasoning.
      const asked = await reasoned({ ...TEST_CONFIG, models: { [id]: { reasoning: 'low' } } });
      expect(asked.reasoning).toMatch(/Kyle/);
      expect(asked.text).not.toContain('SCRATCHPAD');
      const unasked = await reasoned(TEST_CONFIG);
      expect(unasked.reasoning).toBeUndefined();
    },
  );

  it('reads the remaining quota from the rate-limit headers of both APIs', async () => {
    const limited = await startLoggedMock({ rateLimit: 100 });
    try {
      for (const provider of ['anthropic', 'openai']) {
        const response = await mockModel(`${provider}/sim-aligned`, limited).generate({
          messages: [{ role: 'user', content: 'Anything new?' }],
          temperature: 1,
          maxTokens: 100,
          seed: 1,
        });
        expect(response.rateLimit?.remainingRequests, provider).toBeGreaterThanOrEqual(97);
        expect(response.rateLimit?.resetMs, provider).toBeGreaterThanOrEqual(0);
        expect(response.rateLimit?.resetMs, provider).toBeLessThan(1000);
      }
    } finally {
      await limited.close();
    }
  });
});

describe('google', () => {
  it('needs GOOGLE_GENERATIVE_AI_API_KEY, or GEMINI_API_KEY', () => {
    expect(resolveModel('google/gemini-2.5-flash', { env: PLANTED, config: TEST_CONFIG })).toMatchObject({
      id: 'google/gemini-2.5-flash',
      simulated: false,
    });
    expect(() => resolveModel('google/gemini-2.5-flash', { env: {}, config: TEST_CONFIG })).toThrow(
      'google/gemini-2.5-flash needs GOOGLE_GENERATIVE_AI_API_KEY (set it in the environment or .env)',
    );
    const aliased = resolveModel('google/gemini-2.5-flash', {
      env: { GEMINI_API_KEY: 'x' },
      config: TEST_CONFIG,
    });
    expect(aliased.id).toBe('google/gemini-2.5-flash');
  });
});
