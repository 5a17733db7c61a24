import { afterEach, describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/engine/load-experiment.ts';
import { runExperiment } from '../../src/engine/run-experiment.ts';
import type { Model } from '../../src/spec/index.ts';
import { openStore } from '../../src/store/index.ts';
import { mockModel, startLoggedMock } from './mock-fixture.ts';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The model, noting when each of its calls starts: when the engine's limiter let it go. */
function timed(model: Model, starts: number[]): Model {
  return {
    ...model,
    generate: (request) => {
      starts.push(performance.now());
      return model.generate(request);
    },
  };
}

/** Calls that start within `gapMs` of the one before form one group. */
function groups(starts: readonly number[], gapMs: number): number {
  return starts.filter((at, i) => i === 0 || at - starts[i - 1]! > gapMs).length;
}

describe('the engine under a provider rate limit, through the mock server and the OpenAI SDK', () => {
  it('draws no 429 once it knows the quota, keeps to the limit, and sends paced requests in groups', async () => {
    // A bucket of 40 requests refilled at 40 a second; 8 in flight at most, so the first wave fits in it.
    const server = await startLoggedMock({ rateLimit: 40, latencyMs: 20, seed: 5 });
    servers.push(server);
    const starts: number[] = [];
    const model = timed(mockModel('openai/sim-insider', server), starts);
    const experiment = loadExperiment({
      overrides: { models: [model.id], epochs: 30, concurrency: 8 },
    });
    const store = openStore(':memory:');
    const result = await runExperiment({ experiment, models: [model], store });
    store.close();

    expect(result).toMatchObject({ total: 120, completed: 120, errors: 0 });
    expect(server.stats().rateLimited).toBe(0);
    // The first 40 empty the bucket at once; the other 80 wait for its refill: two seconds at least.
    const paced = starts.slice(40);
    expect(paced.at(-1)! - paced[0]!).toBeGreaterThan(0.9 * (79 / 40) * 1000);
    // One every 25 ms would be 80 groups; in groups 100 ms apart, about four requests each, it is near 20.
    expect(groups(paced, 5)).toBeLessThanOrEqual(paced.length / 2);
  });
});
