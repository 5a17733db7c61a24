import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveModel } from '../models/index.ts';
import type { Model, ModelRequest, ModelResponse } from '../spec/index.ts';
import { AdaptiveLimiter } from './adaptive-limiter.ts';
import { type CallSettings, createEngineModel } from './create-engine-model.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';

// Hedging, observed through the engine's model wrapper. Every duration here is fake time.
beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

const request: ModelRequest = {
  messages: [{ role: 'user', content: 'Read the inbox.' }],
  temperature: 1,
  maxTokens: 100,
  seed: 7,
};

/** Answers after n ms, never answers, or fails after n ms with the given error. Every step honours its signal. */
type Step = number | 'hang' | { failAfterMs: number; error: object };

function scripted(steps: readonly Step[], otherwiseMs = 100) {
  const inner = resolveModel('sim/aligned');
  const model = {
    id: 'openai/gpt-4.1',
    simulated: false,
    calls: 0,
    at: [] as number[],
    signals: [] as AbortSignal[],
    generate(r: ModelRequest): Promise<ModelResponse> {
      const step = steps[model.calls++] ?? otherwiseMs;
      model.at.push(Date.now());
      model.signals.push(r.signal!);
      return new Promise((resolve, reject) => {
        r.signal?.addEventListener('abort', () => reject(r.signal?.reason));
        if (step === 'hang') return;
        if (typeof step === 'number') setTimeout(() => resolve(inner.generate(r)), step);
        else setTimeout(() => reject(Object.assign(new Error('upstream'), step.error)), step.failAfterMs);
      });
    },
  } satisfies Model & Record<string, unknown>;
  return model;
}

/** Hedge after 3 × p95 with no floor: after `warm`, whose answers all take 100 ms, that is 300 ms. */
const hedged: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY,
  timeoutMs: 10_000,
  baseDelayMs: 1000,
  maxDelayMs: 1000,
  maxAttempts: 3,
  hedgeMinMs: 0,
};

function settings(overrides: Partial<CallSettings> = {}): CallSettings & { events: unknown[] } {
  const events: unknown[] = [];
  return {
    limiter: new AdaptiveLimiter({ maxConcurrency: 4 }),
    retry: hedged,
    cache: undefined,
    promptCache: false,
    price: undefined,
    random: () => 1,
    onRetry: (event) => events.push(event),
    events,
    ...overrides,
  };
}

/** `n` successful calls of 100 ms on the same limiter and model id, through `slots` free slots. */
async function warm(s: CallSettings, n = 20, slots = s.limiter.maxConcurrency): Promise<void> {
  const model = scripted([]);
  const calls = Array.from({ length: n }, () =>
    createEngineModel(model, s, { epoch: 1 }).model.generate(request),
  );
  await vi.advanceTimersByTimeAsync(Math.ceil(n / slots) * 100);
  await Promise.all(calls);
}

/** Counts the limiter's grants and returns, to show every permit goes back exactly once. */
function countPermits(limiter: AdaptiveLimiter) {
  const acquire = vi.spyOn(limiter, 'acquire');
  const release = vi.spyOn(limiter, 'release');
  return () => ({ acquired: acquire.mock.calls.length, released: release.mock.calls.length });
}

describe('hedged attempts', () => {
  it('hedges a hung attempt after 3 × p95, frees its slot at once, and aborts it when the hedge answers', async () => {
    const s = settings();
    await warm(s);
    const permits = countPermits(s.limiter);
    const model = scripted(['hang', 100]);
    const { model: engine, tally } = createEngineModel(model, s, { epoch: 1 });
    const start = Date.now();
    const done = engine.generate(request);
    await vi.advanceTimersByTimeAsync(299);
    expect(model.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(model.at).toEqual([start, start + 300]);
    // The lost attempt no longer holds a slot: only the hedge does.
    expect(s.limiter.inFlight).toBe(1);
    expect(model.signals[0]!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    await expect(done).resolves.toMatchObject({ finishReason: 'stop' });
    expect(model.signals[0]!.aborted).toBe(true);
    expect(model.signals[0]!.reason).toMatchObject({ name: 'AbortError' });
    expect(s.limiter.inFlight).toBe(0);
    expect(permits()).toEqual({ acquired: 2, released: 2 });
    expect(tally).toMatchObject({ requests: 2, hedges: 1, retries: 0 });
    expect(s.events).toEqual([{ model: 'openai/gpt-4.1', kind: 'timeout', delayMs: 0, hedge: true }]);
    // Nothing is left to fire: the lost attempt's timeout was cleared with it.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hedges a hedge that hangs too, at most twice an attempt, each once the requests before it run past the delay', async () => {
    const s = settings();
    await warm(s);
    const permits = countPermits(s.limiter);
    const model = scripted(['hang', 'hang', 100]);
    const { model: engine, tally } = createEngineModel(model, s, { epoch: 1 });
    const start = Date.now();
    const done = engine.generate(request);
    await vi.advanceTimersByTimeAsync(700);
    await expect(done).resolves.toMatchObject({ finishReason: 'stop' });
    expect(model.at).toEqual([start, start + 300, start + 600]);
    expect(model.signals.map((signal) => signal.aborted)).toEqual([true, true, false]);
    expect(tally).toMatchObject({ requests: 3, hedges: 2, retries: 0 });
    expect(s.limiter.inFlight).toBe(0);
    expect(permits()).toEqual({ acquired: 3, released: 3 });

    // Three hung requests in a row: no third hedge; the attempt ends at its timeout and is retried.
    const stuck = scripted(['hang', 'hang', 'hang', 100]);
    const retried = createEngineModel(stuck, s, { epoch: 1 });
    const later = retried.model.generate(request);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(stuck.calls).toBe(3);
    await vi.advanceTimersByTimeAsync(10_600 + 1000 + 100 - 9_000);
    await expect(later).resolves.toMatchObject({ finishReason: 'stop' });
    expect(retried.tally).toMatchObject({ requests: 4, hedges: 2, retries: 1 });
    expect(s.limiter.inFlight).toBe(0);
  });

  it('times a hedge from when it flies: one waiting out a retry-after is not hedged meanwhile', async () => {
    const s = settings();
    await warm(s);
    const model = scripted(['hang', 'hang', 100]);
    const start = Date.now();
    const done = createEngineModel(model, s, { epoch: 1 }).model.generate(request);
    await vi.advanceTimersByTimeAsync(250);
    // Another call's 429 pauses the provider until 2,250 ms: the hedge sent for at 300 ms waits until then.
    s.limiter.release(await s.limiter.acquire(), { type: 'rate_limit', retryAfterMs: 2000 });
    await vi.advanceTimersByTimeAsync(2650 - 250);
    await expect(done).resolves.toMatchObject({ finishReason: 'stop' });
    expect(model.at).toEqual([start, start + 2250, start + 2550]);
    expect(s.limiter.inFlight).toBe(0);
  });

  it('sends the hedge on the next free slot, ahead of first attempts already waiting for one', async () => {
    const s = settings({ limiter: new AdaptiveLimiter({ maxConcurrency: 2 }) });
    await warm(s);
    const start = Date.now();
    // Two slots: the first sample hangs, the second answers in 250 ms, two more wait; every other answer takes 100 ms.
    const model = scripted(['hang', 250]);
    const doneAt = Array.from({ length: 4 }, () =>
      createEngineModel(model, s, { epoch: 1 })
        .model.generate(request)
        .then(() => Date.now() - start),
    );
    await vi.advanceTimersByTimeAsync(1000);
    // The third sample takes the slot freed at 250 ms. At 300 ms the hung attempt gives its slot back and its hedge
    // takes it, answering at 400 ms, before the fourth sample (waiting since 0 ms), which would leave it to 450 ms.
    expect(await Promise.all(doneAt)).toEqual([400, 250, 350, 450]);
  });

  it('sends a retry ahead of first attempts waiting for a slot', async () => {
    const s = settings({
      limiter: new AdaptiveLimiter({ maxConcurrency: 2 }),
      retry: { ...hedged, hedge: false },
    });
    const model = scripted([{ failAfterMs: 100, error: { statusCode: 500 } }, 2000, 1500]);
    const doneAt = Array.from({ length: 5 }, () =>
      createEngineModel(model, s, { epoch: 1 })
        .model.generate(request)
        .then(() => Date.now()),
    );
    await vi.advanceTimersByTimeAsync(3000);
    // The first sample fails at 100 ms and, after its 1 s backoff, waits for a slot from 1100 ms. The one freed at
    // 1600 ms is its, though the fourth and fifth samples have waited since 0 ms: without that it would end at 1900.
    expect(await Promise.all(doneAt)).toEqual([1700, 2000, 1600, 1800, 1900]);
    expect(s.events).toMatchObject([{ kind: 'provider_error', delayMs: 1000 }]);
  });

  it("sends an urgent model's calls (a judge's: their sample has begun) ahead of first attempts", async () => {
    const s = settings({
      limiter: new AdaptiveLimiter({ maxConcurrency: 1 }),
      retry: { ...hedged, hedge: false },
    });
    const model = scripted([250]);
    const at = (call: Promise<unknown>) => call.then(() => Date.now());
    const agent = [0, 1].map(() => at(createEngineModel(model, s, { epoch: 1 }).model.generate(request)));
    const judge = at(createEngineModel(model, { ...s, urgent: true }, { epoch: 1 }).model.generate(request));
    await vi.advanceTimersByTimeAsync(1000);
    // The judge's call came last but takes the slot freed at 250 ms, before the second sample's first attempt.
    expect([...(await Promise.all(agent)), await judge]).toEqual([250, 450, 350]);
  });

  it('lets a slow attempt that answers first win, aborts the hedge, and never returns its permit twice', async () => {
    const s = settings();
    await warm(s);
    const permits = countPermits(s.limiter);
    const model = scripted([350, 100]);
    const { model: engine, tally } = createEngineModel(model, s, { epoch: 1 });
    const done = engine.generate(request);
    await vi.advanceTimersByTimeAsync(350);
    await expect(done).resolves.toMatchObject({ finishReason: 'stop' });
    expect(model.calls).toBe(2);
    expect(model.signals[1]!.aborted).toBe(true);
    expect(s.limiter.inFlight).toBe(0);
    expect(permits()).toEqual({ acquired: 2, released: 2 });
    expect(tally).toMatchObject({ requests: 2, hedges: 1 });
  });

  it('does not hedge before 20 successes were seen, nor when the policy turns hedging off', async () => {
    for (const [s, seen] of [
      [settings(), 19],
      [settings({ retry: { ...hedged, hedge: false } }), 20],
    ] as const) {
      await warm(s, seen);
      const model = scripted(['hang']);
      const { model: engine, tally } = createEngineModel(model, s, { epoch: 1 });
      const done = engine.generate(request);
      await vi.advanceTimersByTimeAsync(9999);
      expect(model.calls).toBe(1);
      expect(s.limiter.inFlight).toBe(1);
      // The timeout, backoff and retry take over as without hedging.
      await vi.advanceTimersByTimeAsync(1 + 1000 + 100);
      await expect(done).resolves.toMatchObject({ finishReason: 'stop' });
      expect(tally).toMatchObject({ requests: 2, hedges: 0, retries: 1 });
      expect(s.limiter.inFlight).toBe(0);
    }
  });

  it('queues the hedge for its own slot, and drops it without taking one when the first attempt answers meanwhile', async () => {
    const s = settings({ limiter: new AdaptiveLimiter({ maxConcurrency: 2 }) });
    await warm(s);
    const slow = scripted([350]);
    const other = { ...scripted([1000]), id: 'openai/gpt-4.1-mini' };
    const calls = [slow, other].map((m) => createEngineModel(m, s, { epoch: 1 }).model.generate(request));
    // Another sample's retry, waiting for a slot before the slow attempt is presumed lost.
    const retry = s.limiter.acquire(undefined, { urgent: true });
    await vi.advanceTimersByTimeAsync(300);
    // The slot the slow attempt gave back went to that retry; the hedge waits behind it.
    const retryPermit = await retry;
    expect(slow.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(50);
    await expect(calls[0]).resolves.toMatchObject({ finishReason: 'stop' });
    await vi.advanceTimersByTimeAsync(50);
    expect(slow.calls).toBe(1);
    expect(s.limiter.inFlight).toBe(2);
    await vi.advanceTimersByTimeAsync(600);
    await Promise.all(calls);
    // The dropped hedge took no slot: only the retry's is still out.
    expect(s.limiter.inFlight).toBe(1);
    s.limiter.release(retryPermit, { type: 'success' });
    expect(s.limiter.inFlight).toBe(0);
  });

  it('hedges an attempt of the first wave once enough successes have been seen', async () => {
    const s = settings();
    const model = scripted(['hang', 100]);
    const done = createEngineModel(model, s, { epoch: 1 }).model.generate(request);
    await vi.advanceTimersByTimeAsync(0);
    // 20 answers of 100 ms through the 3 slots left: seen by 700 ms, and the hung one is older than 300 ms.
    await warm(s, 20, 3);
    await vi.advanceTimersByTimeAsync(100);
    expect(model.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(100);
    await expect(done).resolves.toMatchObject({ finishReason: 'stop' });
    expect(s.limiter.inFlight).toBe(0);
  });

  it('waits for the other attempt when one fails, and retries when both fail', async () => {
    const s = settings();
    await warm(s);
    const permits = countPermits(s.limiter);
    const model = scripted(['hang', { failAfterMs: 50, error: { status: 500 } }, 100]);
    const { model: engine, tally } = createEngineModel(model, s, { epoch: 1 });
    const start = Date.now();
    const done = engine.generate(request);
    await vi.advanceTimersByTimeAsync(300 + 50);
    // The hedge failed; the first attempt may still answer, so it runs on to its timeout.
    expect(model.calls).toBe(2);
    expect(model.signals[0]!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000 - 350 + 1000 + 100);
    await expect(done).resolves.toMatchObject({ finishReason: 'stop' });
    expect(model.at).toEqual([start, start + 300, start + 11_000]);
    expect(tally).toMatchObject({ requests: 3, hedges: 1, retries: 1 });
    expect(s.events).toEqual([
      { model: 'openai/gpt-4.1', kind: 'timeout', delayMs: 0, hedge: true },
      { model: 'openai/gpt-4.1', kind: 'timeout', delayMs: 1000 },
    ]);
    expect(s.limiter.inFlight).toBe(0);
    expect(permits()).toEqual({ acquired: 3, released: 3 });
  });

  it('does not retry when one of the two failures is one no retry cures', async () => {
    const s = settings();
    await warm(s);
    const model = scripted(['hang', { failAfterMs: 50, error: { kind: 'refusal' } }]);
    const done = createEngineModel(model, s, { epoch: 1 }).model.generate(request);
    const assertion = expect(done).rejects.toMatchObject({ kind: 'refusal' });
    await vi.advanceTimersByTimeAsync(10_000);
    await assertion;
    expect(model.calls).toBe(2);
    expect(s.limiter.inFlight).toBe(0);
  });

  it('aborts both attempts on the run abort (a second Ctrl-C)', async () => {
    const abort = new AbortController();
    const s = settings({ signal: abort.signal });
    await warm(s);
    const model = scripted(['hang', 'hang']);
    const done = createEngineModel(model, s, { epoch: 1 }).model.generate(request);
    const assertion = expect(done).rejects.toThrow('second Ctrl-C');
    await vi.advanceTimersByTimeAsync(300);
    expect(model.calls).toBe(2);
    abort.abort(new Error('second Ctrl-C'));
    await assertion;
    expect(model.signals.map((signal) => signal.aborted)).toEqual([true, true]);
    expect(s.limiter.inFlight).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('spends at most a burst of 10 hedges plus its budget', async () => {
    const abort = new AbortController();
    const s = settings({
      limiter: new AdaptiveLimiter({ maxConcurrency: 50 }),
      retry: { ...hedged, hedgeBudget: 0 },
      signal: abort.signal,
    });
    await warm(s);
    const model = scripted(Array.from({ length: 30 }, () => 'hang' as const));
    const calls = Array.from({ length: 12 }, () =>
      createEngineModel(model, s, { epoch: 1 })
        .model.generate(request)
        .catch(() => 'aborted'),
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(model.calls).toBe(12 + 10);
    // Hedged attempts gave their slots back; the two left unhedged still hold theirs.
    expect(s.limiter.inFlight).toBe(10 + 2);
    abort.abort(new Error('stop'));
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 12 }, () => 'aborted'));
    expect(s.limiter.inFlight).toBe(0);
  });
});
