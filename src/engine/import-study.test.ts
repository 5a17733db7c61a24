import { describe, expect, it } from 'vitest';
import { resolveModel } from '../models/index.ts';
import { openStore } from '../store/index.ts';
import { importStudy } from './import-study.ts';
import { inFlightMeter, PRICED_JUDGE } from './in-flight-meter.fixture.ts';

const STUDY = new URL('../../test/fixtures/study-output', import.meta.url).pathname;

/** The priced judge (sim/judge:agree underneath), metered. */
function meteredJudge() {
  const { meter, wrap } = inFlightMeter();
  const model = wrap(resolveModel('sim/judge:agree'), { id: PRICED_JUDGE.id, usage: PRICED_JUDGE.usage });
  return { meter, judges: [{ id: PRICED_JUDGE.id, model }] };
}

describe('importStudy with judges', () => {
  it("grades the files in parallel, up to the concurrency, and prices the judges' calls", async () => {
    const store = openStore(':memory:');
    const { meter, judges } = meteredJudge();
    const result = await importStudy({ store, dir: STUDY, judges, concurrency: 3 });
    expect(result).toMatchObject({ imported: 9, existing: 0, stopped: false });
    expect(result.skipped).toHaveLength(2);
    expect(meter.peak).toBe(3);
    // Two questions a file: the harm question and the reasoning question.
    expect(meter.answered).toBe(18);
    expect(result.costUsd).toBeCloseTo(18 * PRICED_JUDGE.perCall, 10);
    for (const sample of store.samplesOf(result.runId, { status: 'completed' }))
      expect(store.getSample(sample.id)!.verdicts[0]!.verdict.judge.status).toBe('run');
    store.close();
  });

  it('stops starting files on the signal, and importing again grades only the rest', async () => {
    const store = openStore(':memory:');
    const stop = new AbortController();
    const first = await importStudy({
      store,
      dir: STUDY,
      judges: meteredJudge().judges,
      concurrency: 1,
      signal: stop.signal,
      onSample: () => stop.abort(),
    });
    expect(first.stopped).toBe(true);
    // Stopped at the first file stored: the other being graded (2 × concurrency began) was finished.
    expect(first.imported).toBeGreaterThanOrEqual(1);
    expect(first.imported).toBeLessThanOrEqual(2);
    const rest = meteredJudge();
    const second = await importStudy({ store, dir: STUDY, judges: rest.judges });
    expect(second).toMatchObject({ imported: 9 - first.imported, existing: first.imported, stopped: false });
    expect(rest.meter.answered).toBe(2 * (9 - first.imported));
    expect(store.listRuns()[0]).toMatchObject({ samples: 9, completed: 9 });
    store.close();
  });
});
