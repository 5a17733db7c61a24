import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveModel } from '../models/index.ts';
import type { Model, ModelRequest, ModelResponse } from '../spec/index.ts';
import { openStore } from '../store/index.ts';
import { AdaptiveLimiter } from './adaptive-limiter.ts';
import { type CallSettings, createEngineModel } from './create-engine-model.ts';
import { priceOf } from './prices.ts';
import { DEFAULT_RETRY_POLICY } from './retry-policy.ts';

afterEach(() => vi.useRealTimers());

const request: ModelRequest = {
  messages: [
    { role: 'system', content: 'You are Alex.' },
    { role: 'user', content: 'Read the inbox.' },
  ],
  temperature: 1,
  maxTokens: 100,
  seed: 7,
};

/** A non-simulated model that answers as sim/aligned after failing with the scripted errors, counting calls. */
function scripted(errors: readonly (object | 'hang')[]): Model & { calls: number; at: number[] } {
  const inner = resolveModel('sim/aligned');
  const model = {
    id: 'openai/gpt-4.1',
    simulated: false,
    calls: 0,
    at: [] as number[],
    async generate(r: ModelRequest): Promise<ModelResponse> {
      const error = errors[model.calls++];
      model.at.push(Date.now());
      if (error === 'hang') {
        return new Promise((_, reject) =>
          r.signal?.addEventListener('abort', () => reject(r.signal?.reason)),
        );
      }
      if (error !== undefined) throw Object.assign(new Error('upstream'), error);
      return inner.generate(r);
    },
  };
  return model;
}

function settings(overrides: Partial<CallSettings> = {}): CallSettings {
  return {
    limiter: new AdaptiveLimiter({ maxConcurrency: 4 }),
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 8000, maxAttempts: 4 },
    cache: undefined,
    promptCache: true,
    price: priceOf('openai/gpt-4.1'),
    random: () => 1,
    ...overrides,
  };
}

describe('createEngineModel', () => {
  it('retries with exponential backoff, honouring retry-after as a floor', async () => {
    vi.useFakeTimers({ now: 0 });
    const model = scripted([{ status: 503 }, { kind: 'rate_limit', retryAfterMs: 5000 }, { status: 500 }]);
    const { model: engine, tally } = createEngineModel(model, settings(), { epoch: 1 });
    const done = engine.generate(request);
    await vi.runAllTimersAsync();
    await expect(done).resolves.toMatchObject({ finishReason: 'stop' });
    // Ceilings 1 s, 2 s, 4 s with random() = 1; the 429's retry-after (5 s) beats its 2 s.
    expect(model.at).toEqual([0, 1000, 6000, 10_000]);
    expect(tally).toMatchObject({ requests: 4, retries: 3, cacheHits: 0 });
    expect(tally.costUsd).toBeGreaterThan(0);
  });

  it('gives up after maxAttempts with the last failure, and never retries a refusal', async () => {
    vi.useFakeTimers({ now: 0 });
    const limited = scripted(Array.from({ length: 4 }, () => ({ status: 429 })));
    const exhausted = createEngineModel(limited, settings(), { epoch: 1 }).model.generate(request);
    const assertion = expect(exhausted).rejects.toMatchObject({
      name: 'SampleFailedError',
      kind: 'rate_limit',
    });
    await vi.runAllTimersAsync();
    await assertion;
    expect(limited.calls).toBe(4);

    const refusing = scripted([{ kind: 'refusal' }]);
    await expect(
      createEngineModel(refusing, settings(), { epoch: 1 }).model.generate(request),
    ).rejects.toMatchObject({
      kind: 'refusal',
    });
    expect(refusing.calls).toBe(1);
  });

  it('times out a hanging attempt, retries, and records a timeout when every attempt hangs', async () => {
    vi.useFakeTimers({ now: 0 });
    const retry = {
      ...DEFAULT_RETRY_POLICY,
      timeoutMs: 3000,
      baseDelayMs: 10,
      maxDelayMs: 10,
      maxAttempts: 2,
    };
    const recovers = scripted(['hang']);
    const ok = createEngineModel(recovers, settings({ retry }), { epoch: 1 }).model.generate(request);
    await vi.advanceTimersByTimeAsync(3000 + 10);
    await expect(ok).resolves.toMatchObject({ finishReason: 'stop' });

    const hangs = scripted(['hang', 'hang']);
    const failed = createEngineModel(hangs, settings({ retry }), { epoch: 1 }).model.generate(request);
    const assertion = expect(failed).rejects.toMatchObject({ kind: 'timeout' });
    await vi.advanceTimersByTimeAsync(2 * 3000 + 10);
    await assertion;
    expect(hangs.calls).toBe(2);
  });

  it('answers a repeated request of the same epoch from the store, and calls again for another epoch', async () => {
    const store = openStore(':memory:');
    const model = scripted([]);
    const first = createEngineModel(model, settings({ cache: store }), { epoch: 1 });
    const answer = await first.model.generate(request);
    expect(store.getCachedResponse(first.tally.cacheEntries[0]!.key)).toBeUndefined();
    store.putCachedResponses(first.tally.cacheEntries);
    const again = createEngineModel(model, settings({ cache: store }), { epoch: 1 });
    expect(await again.model.generate(request)).toEqual(answer);
    expect(again.tally).toMatchObject({ requests: 0, cacheHits: 1, costUsd: 0 });
    expect(model.calls).toBe(1);
    await createEngineModel(model, settings({ cache: store }), { epoch: 2 }).model.generate(request);
    await createEngineModel(model, settings({ cache: store }), { epoch: 1 }).model.generate({
      ...request,
      seed: 8,
    });
    expect(model.calls).toBe(3);
    store.close();
  });

  it("keys the cache on the model's settings and endpoint too: other reasoning, another server, another answer", async () => {
    const store = openStore(':memory:');
    const model = scripted([]);
    const variants: Model[] = [
      model,
      { ...model, settings: '{"reasoning":"high"}' },
      { ...model, settings: '{"reasoning":"low"}' },
      { ...model, endpoint: 'http://127.0.0.1:8787' },
    ];
    for (const variant of variants) {
      const engine = createEngineModel(variant, settings({ cache: store }), { epoch: 1 });
      await engine.model.generate(request);
      expect(engine.tally.cacheHits, variant.settings ?? variant.endpoint ?? 'plain').toBe(0);
      store.putCachedResponses(engine.tally.cacheEntries);
    }
    expect(model.calls).toBe(4);
    // Each is answered from its own entry the next time.
    for (const variant of variants)
      expect(
        (await createEngineModel(variant, settings({ cache: store }), { epoch: 1 }).model.generate(request))
          .text,
      ).toBeDefined();
    expect(model.calls).toBe(4);
    store.close();
  });

  it('asks for prompt caching unless turned off', async () => {
    const seen: (boolean | undefined)[] = [];
    const model: Model = {
      id: 'anthropic/claude-opus-4-1',
      simulated: false,
      generate: (r) => {
        seen.push(r.cacheablePrefix);
        return resolveModel('sim/aligned').generate(r);
      },
    };
    await createEngineModel(model, settings(), { epoch: 1 }).model.generate(request);
    await createEngineModel(model, settings({ promptCache: false }), { epoch: 1 }).model.generate(request);
    expect(seen).toEqual([true, undefined]);
  });
});
