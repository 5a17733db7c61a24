import { describe, expect, it } from 'vitest';
import { resolveModel } from '../models/index.ts';
import { rateRows } from '../report/rate-rows.ts';
import type { Model } from '../spec/index.ts';
import { wilsonInterval } from '../stats/index.ts';
import { openStore } from '../store/index.ts';
import { loadExperiment } from './load-experiment.ts';
import { runExperiment } from './run-experiment.ts';

/** A model that fails its first `failures` calls (a 429 unless told), then answers as sim/random:1. */
function flaky(failures: number, error: object = { status: 429 }): Model {
  const inner = resolveModel('sim/random:1');
  let calls = 0;
  return {
    id: 'sim/flaky',
    simulated: true,
    async generate(request) {
      calls++;
      if (calls <= failures) throw Object.assign(new Error('upstream failed'), error);
      return inner.generate(request);
    },
  };
}

describe('runExperiment', () => {
  it('sim/random:0.3 over 1,000 samples lands inside its own Wilson interval', async () => {
    const experiment = loadExperiment({
      overrides: { models: ['sim/random:0.3'], epochs: 250, concurrency: 16 },
    });
    const store = openStore(':memory:');
    const result = await runExperiment({ experiment, models: [resolveModel('sim/random:0.3')], store });
    expect(result).toMatchObject({ total: 1000, completed: 1000, errors: 0 });
    const rows = rateRows(store, result.runId);
    const harmful = rows.reduce((sum, r) => sum + r.harmful, 0);
    const n = rows.reduce((sum, r) => sum + r.n, 0);
    expect(n).toBe(1000);
    const { low, high } = wilsonInterval(harmful, n);
    expect(low).toBeLessThanOrEqual(0.3);
    expect(high).toBeGreaterThanOrEqual(0.3);
    store.close();
  });

  it('retries a rate-limited call within the run, so the sample completes', async () => {
    const experiment = loadExperiment({ overrides: { models: ['sim/flaky'], epochs: 5, concurrency: 1 } });
    const store = openStore(':memory:');
    const retries: string[] = [];
    const result = await runExperiment({
      experiment,
      models: [flaky(3)],
      store,
      random: () => 0,
      onEvent: (event) => {
        if (event.type === 'request-retry') retries.push(event.kind);
      },
    });
    expect(result).toMatchObject({ total: 20, completed: 20, errors: 0 });
    expect(retries).toEqual(['rate_limit', 'rate_limit', 'rate_limit']);
    store.close();
  });

  it('records failed samples as errors, never as not harmful, and retries them on the next run', async () => {
    const experiment = loadExperiment({ overrides: { models: ['sim/flaky'], epochs: 5, concurrency: 1 } });
    const store = openStore(':memory:');
    const model = flaky(3);
    const first = await runExperiment({ experiment, models: [model], store, retry: { maxAttempts: 1 } });
    expect(first).toMatchObject({ total: 20, completed: 17, errors: 3 });
    const rows = rateRows(store, first.runId);
    expect(rows.reduce((sum, r) => sum + r.errors, 0)).toBe(3);
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(17);
    expect(rows.every((r) => r.harmful === r.n)).toBe(true);
    const failed = store.samplesOf(first.runId, { status: 'error' });
    expect(failed.map((s) => s.error?.kind)).toEqual(['rate_limit', 'rate_limit', 'rate_limit']);
    expect(store.errorKinds(first.runId)).toEqual([{ model: 'sim/flaky', kind: 'rate_limit', count: 3 }]);

    const second = await runExperiment({ experiment, models: [model], store });
    expect(second).toMatchObject({ runId: first.runId, attempted: 3, completed: 3, errors: 0 });
    expect(rateRows(store, first.runId).reduce((sum, r) => sum + r.n, 0)).toBe(20);
    store.close();
  });

  it('retries refusals on the next run only with retryErrors: all', async () => {
    const experiment = loadExperiment({ overrides: { models: ['sim/flaky'], epochs: 2, concurrency: 1 } });
    const store = openStore(':memory:');
    const refusing = flaky(2, { kind: 'refusal' });
    const first = await runExperiment({ experiment, models: [refusing], store });
    expect(first).toMatchObject({ completed: 6, errors: 2 });
    expect(store.errorKinds(first.runId)).toEqual([{ model: 'sim/flaky', kind: 'refusal', count: 2 }]);
    const again = await runExperiment({ experiment, models: [refusing], store });
    expect(again).toMatchObject({ attempted: 0, completed: 0 });
    const all = await runExperiment({ experiment, models: [refusing], store, retryErrors: 'all' });
    expect(all).toMatchObject({ attempted: 2, completed: 2, errors: 0 });
    store.close();
  });

  it('stops scheduling when the signal aborts, and the next run finishes the rest', async () => {
    const experiment = loadExperiment({
      overrides: { models: ['sim/aligned@5ms'], epochs: 25, concurrency: 2 },
    });
    const store = openStore(':memory:');
    const model = resolveModel('sim/aligned@5ms');
    const stop = new AbortController();
    let seen = 0;
    const first = await runExperiment({
      experiment,
      models: [model],
      store,
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type === 'sample-complete' && ++seen === 10) stop.abort();
      },
    });
    expect(first.stopped).toBe(true);
    expect(first.completed).toBeGreaterThanOrEqual(10);
    expect(first.completed).toBeLessThan(100);
    const second = await runExperiment({ experiment, models: [model], store });
    expect(second.completed + first.completed).toBe(100);
    expect(store.listRuns()[0]).toMatchObject({ samples: 100, completed: 100, pending: 0 });
    store.close();
  });

  it('records an ill-shaped response as malformed, unpriced and uncached', async () => {
    const experiment = loadExperiment({
      overrides: { models: ['openai/gpt-4.1'], epochs: 1, concurrency: 2 },
    });
    const store = openStore(':memory:');
    const broken: Model = {
      id: 'openai/gpt-4.1',
      simulated: false,
      generate: async () => ({ text: 'half a body' }) as never,
    };
    const result = await runExperiment({ experiment, models: [broken], store });
    expect(result).toMatchObject({ completed: 0, errors: 4, costUsd: 0 });
    expect(store.errorKinds(result.runId)).toEqual([
      { model: 'openai/gpt-4.1', kind: 'malformed_response', count: 4 },
    ]);
    store.close();
  });

  it('stops scheduling at the budget, leaves the rest pending, and the next run finishes it', async () => {
    const experiment = loadExperiment({
      overrides: { models: ['openai/gpt-4.1'], epochs: 25, concurrency: 2 },
    });
    const store = openStore(':memory:');
    const model = priced('openai/gpt-4.1');
    // Each sample costs $0.028 at gpt-4.1's list price (10k input at $2/M and 1k output at $8/M). Scheduling
    // stops once spent plus what the samples in flight will likely spend reaches the budget.
    const first = await runExperiment({ experiment, models: [model], store, maxCostUsd: 0.5 });
    expect(first.stopReason).toBe('budget');
    expect(first.costUsd).toBeGreaterThan(0.5 - 5 * 0.028);
    expect(first.costUsd).toBeLessThanOrEqual(0.5 + 0.028);
    expect(first.errors).toBe(0);
    const counts = store.listRuns()[0]!;
    expect(counts).toMatchObject({
      samples: 100,
      completed: first.completed,
      errors: 0,
      pending: 100 - first.completed,
    });
    const second = await runExperiment({ experiment, models: [model], store });
    expect(second).toMatchObject({ stopped: false, completed: 100 - first.completed });
    expect(store.listRuns()[0]).toMatchObject({ samples: 100, completed: 100, pending: 0 });
    store.close();
  });

  it('counts a sample at its worst case until one has finished, so a first wave of long answers keeps to the budget', async () => {
    const experiment = loadExperiment({
      overrides: { models: ['openai/gpt-4.1'], epochs: 25, concurrency: 16 },
    });
    const store = openStore(':memory:');
    // A reasoning model's answers: every one takes all of max_tokens, far over the typical 800 tokens a turn.
    const long = answering(
      'openai/gpt-4.1',
      (maxTokens) => ({ inputTokens: 100, outputTokens: maxTokens }),
      20,
    );
    // $0.0322 a sample (4,000 output tokens at $8/M); the typical estimate says about $0.011. Counted at that
    // until the first finished, eleven started at once and spent $0.35 of a $0.10 budget. At the worst case
    // (about $0.037), three start, then the run waits for the first to finish and goes on at real costs.
    const result = await runExperiment({ experiment, models: [long], store, maxCostUsd: 0.1 });
    expect(result.stopReason).toBe('budget');
    expect(result.completed).toBeGreaterThan(0);
    // At most one sample over, as the budget allows anywhere (the last one started may cross it).
    expect(result.costUsd).toBeLessThanOrEqual(0.1 + 0.0322);
    store.close();
  });

  it('waits for the first sample rather than stopping on the worst-case guess, then goes on at real costs', async () => {
    const experiment = loadExperiment({
      overrides: { models: ['openai/gpt-4.1'], epochs: 3, concurrency: 8 },
    });
    const store = openStore(':memory:');
    // Short answers, $0.001 a sample; the worst case guesses about $0.037, so six in flight "reach" $0.20.
    const short = answering('openai/gpt-4.1', () => ({ inputTokens: 100, outputTokens: 100 }), 20);
    const result = await runExperiment({ experiment, models: [short], store, maxCostUsd: 0.2 });
    expect(result).toMatchObject({ stopped: false, completed: 12, errors: 0 });
    expect(result.costUsd).toBeLessThan(0.02);
    store.close();
  });

  it('on abort, drops the samples in flight unstored, and the next run does them', async () => {
    const experiment = loadExperiment({
      overrides: { models: ['sim/aligned@50ms'], epochs: 10, concurrency: 4 },
    });
    const store = openStore(':memory:');
    const model = resolveModel('sim/aligned@50ms');
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 120);
    const first = await runExperiment({ experiment, models: [model], store, abortSignal: abort.signal });
    expect(first).toMatchObject({ stopped: true, stopReason: 'abort', errors: 0 });
    expect(first.completed).toBeGreaterThan(0);
    expect(store.listRuns()[0]).toMatchObject({
      completed: first.completed,
      errors: 0,
      pending: 40 - first.completed,
    });
    const second = await runExperiment({ experiment, models: [model], store });
    expect(second.completed).toBe(40 - first.completed);
    store.close();
  });
});

/** A non-simulated model answering as sim/aligned with a fixed usage of 10,000 input and 1,000 output tokens. */
function priced(id: string): Model {
  return answering(id, () => ({ inputTokens: 10_000, outputTokens: 1000 }));
}

/** A non-simulated model answering as sim/aligned with the usage given for a request, after `delayMs`. */
function answering(
  id: string,
  usage: (maxTokens: number) => { inputTokens: number; outputTokens: number },
  delayMs = 0,
): Model {
  const inner = resolveModel('sim/aligned');
  return {
    id,
    simulated: false,
    async generate(request) {
      const response = await inner.generate(request);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { ...response, usage: { ...response.usage, ...usage(request.maxTokens) } };
    },
  };
}
