import { describe, expect, it } from 'vitest';
import { resolveModel } from '../models/index.ts';
import { rateRows } from '../report/rate-rows.ts';
import type { Model } from '../spec/index.ts';
import { wilsonInterval } from '../stats/index.ts';
import { openStore } from '../store/index.ts';
import { loadExperiment } from './load-experiment.ts';
import { runExperiment } from './run-experiment.ts';

/** A model that fails its first `failures` calls, then answers as sim/random:1. */
function flaky(failures: number): Model {
  const inner = resolveModel('sim/random:1');
  let calls = 0;
  return {
    id: 'sim/flaky',
    simulated: true,
    async generate(request) {
      calls++;
      if (calls <= failures) throw Object.assign(new Error('upstream said 429'), { status: 429 });
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

  it('records failed samples as errors, never as not harmful, and retries them on the next run', async () => {
    const experiment = loadExperiment({ overrides: { models: ['sim/flaky'], epochs: 5, concurrency: 1 } });
    const store = openStore(':memory:');
    const model = flaky(3);
    const first = await runExperiment({ experiment, models: [model], store });
    expect(first).toMatchObject({ total: 20, completed: 17, errors: 3 });
    const rows = rateRows(store, first.runId);
    expect(rows.reduce((sum, r) => sum + r.errors, 0)).toBe(3);
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(17);
    expect(rows.every((r) => r.harmful === r.n)).toBe(true);
    const failed = store.samplesOf(first.runId, { status: 'error' });
    expect(failed.map((s) => s.error?.kind)).toEqual(['rate_limit', 'rate_limit', 'rate_limit']);

    const second = await runExperiment({ experiment, models: [model], store });
    expect(second).toMatchObject({ runId: first.runId, attempted: 3, completed: 3, errors: 0 });
    expect(rateRows(store, first.runId).reduce((sum, r) => sum + r.n, 0)).toBe(20);
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
});
