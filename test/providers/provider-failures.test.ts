import { afterEach, describe, expect, it } from 'vitest';
import { runAgent, SampleFailedError } from '../../src/harness/index.ts';
import { checkKeys, ProviderError, resolveModel } from '../../src/models/index.ts';
import { ConfigError } from '../../src/spec/index.ts';
import { assertNoSecretInTexts } from '../support/assert-no-secret.ts';
import { mockModel, PLANTED, pressuredScenario, startLoggedMock, TEST_CONFIG } from './mock-fixture.ts';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function mock(options: Parameters<typeof startLoggedMock>[0]) {
  const server = await startLoggedMock(options);
  servers.push(server);
  return server;
}

const REQUEST = {
  messages: [
    { role: 'system' as const, content: 'You are Alex.' },
    { role: 'user' as const, content: 'Anything new in the inbox?' },
  ],
  temperature: 1,
  maxTokens: 200,
  seed: 1,
};

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe.each(['anthropic', 'openai', 'google', 'openrouter'])(
  '%s failures are ProviderErrors with a kind',
  (provider) => {
    it('429 → rate_limit, with the retry-after the server sent', async () => {
      const server = await mock({ rateLimit: 1 });
      const model = mockModel(`${provider}/sim-aligned`, server);
      await model.generate(REQUEST);
      const error = await failure(model.generate(REQUEST));
      expect(error).toMatchObject({ kind: 'rate_limit', status: 429, provider });
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect(error.retryAfterMs).toBeLessThanOrEqual(1000);
      expect(server.stats()).toMatchObject({ requests: 2, ok: 1, rateLimited: 1 });
    });

    it('a 200 with a body that is not JSON → malformed_response', async () => {
      const server = await mock({ malformedRate: 1 });
      const error = await failure(mockModel(`${provider}/sim-aligned`, server).generate(REQUEST));
      expect(error.kind).toBe('malformed_response');
    });

    it('500 → provider_error with the status', async () => {
      const server = await mock({ errorRate: 1 });
      const error = await failure(mockModel(`${provider}/sim-aligned`, server).generate(REQUEST));
      expect(error).toMatchObject({ kind: 'provider_error', status: 500 });
    });

    it('a server that never answers fails the sample as a timeout once the per-request signal fires', async () => {
      const server = await mock({ timeoutRate: 1 });
      // The server never answers, so only the 300 ms signal can end this call: the rejection proves it fired.
      const run = runAgent({
        model: mockModel(`${provider}/sim-aligned`, server),
        scenario: pressuredScenario('inbox'),
        mode: 'inbox',
        maxTurns: 1,
        temperature: 1,
        maxTokens: 100,
        seed: 1,
        signal: AbortSignal.timeout(300),
      });
      await expect(run).rejects.toMatchObject({ name: 'SampleFailedError', kind: 'timeout' });
      expect(server.stats().timeouts).toBe(1);
    });
  },
);

describe('keys', () => {
  it('a planted key never appears in error messages, the trajectory or the mock server log', async () => {
    const messages: string[] = [];
    for (const options of [{ rateLimit: 1 }, { errorRate: 1 }, { malformedRate: 1 }, {}]) {
      const server = await mock(options);
      for (const provider of [
        'anthropic',
        'openai',
        'google',
        'xai',
        'openrouter',
        'openai-compatible/local',
      ]) {
        const name = Object.keys(options).length === 0 ? 'no-such-model' : 'sim-aligned';
        for (let i = 0; i < 2; i++) {
          try {
            await runAgent({
              model: mockModel(`${provider}/${name}`, server),
              scenario: pressuredScenario('inbox'),
              mode: 'inbox',
              maxTurns: 1,
              temperature: 1,
              maxTokens: 100,
              seed: i,
            }).then((t) => messages.push(JSON.stringify(t)));
          } catch (error) {
            expect(error).toBeInstanceOf(SampleFailedError);
            const e = error as Error & { cause?: Error };
            messages.push(e.message, String(e.stack), e.cause?.message ?? '', String(e.cause?.stack));
          }
        }
      }
      messages.push(...server.logs);
      // The keys did travel, as headers: the mock saw one on every request.
      expect(server.stats().withKey).toBe(server.stats().requests);
    }
    expect(messages.length).toBeGreaterThan(40);
    for (const secret of Object.values(PLANTED)) assertNoSecretInTexts(messages, secret);
    expect(messages.some((m) => m.includes('HTTP 404'))).toBe(true);
  });

  it('a missing key is a one-line ConfigError naming the variable, before any request', async () => {
    const server = await mock({});
    for (const [id, variable] of [
      ['anthropic/claude-opus-4-1', 'ANTHROPIC_API_KEY'],
      ['openai/gpt-4.1', 'OPENAI_API_KEY'],
      ['xai/grok-4', 'XAI_API_KEY'],
      ['openrouter/openai/gpt-4.1', 'OPENROUTER_API_KEY'],
      ['openai-compatible/local/some-model', 'LOCAL_ENDPOINT_KEY'],
    ] as const) {
      const message = `${id} needs ${variable} (set it in the environment or .env)`;
      expect(() => resolveModel(id, { baseUrl: server.url, env: {}, config: TEST_CONFIG })).toThrow(message);
      expect(() => checkKeys(['sim/insider', id], { [variable]: '  ' }, TEST_CONFIG)).toThrow(ConfigError);
    }
    expect(() =>
      checkKeys(['sim/insider', 'ollama/llama3.2', 'anthropic/x'], PLANTED, TEST_CONFIG),
    ).not.toThrow();
    expect(server.stats().requests).toBe(0);
  });
});
