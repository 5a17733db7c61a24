import { describe, expect, it } from 'vitest';
import type { JudgeChoice } from '../graders/index.ts';
import { resolveModel } from '../models/index.ts';
import type { Model } from '../spec/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { inFlightMeter, PRICED_JUDGE } from './in-flight-meter.fixture.ts';
import { loadExperiment } from './load-experiment.ts';
import { type RegradeOptions, regradeRun } from './regrade-run.ts';
import { resolveJudges } from './resolve-judges.ts';
import { runExperiment } from './run-experiment.ts';
import { summarizeVerdicts } from './summarize-verdicts.ts';

const { id: judgeId, usage, perCall: perJudgeCall } = PRICED_JUDGE;

/** A stored run of sim/insider on the lethal scenario (4 conditions × epochs), graded by the detectors only. */
async function storedRun(epochs: number, concurrency = 8): Promise<{ store: Store; runId: string }> {
  const experiment = loadExperiment({
    overrides: { models: ['sim/insider'], epochs, scenarios: ['lethal'], concurrency },
  });
  const store = openStore(':memory:');
  const { runId } = await runExperiment({ experiment, models: [resolveModel('sim/insider')], store });
  return { store, runId };
}

/** How many verdict versions each completed sample of the run has. */
function versionCounts(store: Store, runId: string): number[] {
  return store
    .samplesOf(runId, { status: 'completed' })
    .map((sample) => store.getSample(sample.id)!.verdicts.length);
}

/** The priced judge (sim/judge:agree underneath), metered. */
function meteredJudge(delayMs?: number) {
  const { meter, wrap } = inFlightMeter();
  const inner = resolveModel('sim/judge:agree');
  const slow: Model =
    delayMs === undefined
      ? inner
      : {
          ...inner,
          generate: async (request) => {
            await new Promise((resolve) => setTimeout(resolve, delayMs));
            return inner.generate(request);
          },
        };
  const judges: JudgeChoice[] = [{ id: judgeId, model: wrap(slow, { id: judgeId, usage }) }];
  return { meter, judges };
}

describe('regradeRun through the engine', () => {
  it("grades samples in parallel up to the concurrency and prices the judges' calls", async () => {
    const { store, runId } = await storedRun(5);
    const { meter, judges } = meteredJudge();
    const result = await regradeRun({ store, run: runId, judges, concurrency: 3 });
    expect(result).toMatchObject({ total: 20, regraded: 20, graderErrors: 0, stopped: false });
    // The provider's limiter let exactly 3 calls overlap, never more.
    expect(meter.peak).toBe(3);
    // Two questions a sample (harm, then reasoning), each priced at the judge's rate.
    expect(meter.answered).toBe(40);
    expect(result.costUsd).toBeCloseTo(40 * perJudgeCall, 10);
    expect(versionCounts(store, runId)).toEqual(Array(20).fill(2));
    store.close();
  });

  it("takes the run's own concurrency by default", async () => {
    const { store, runId } = await storedRun(3, 2);
    const { meter, judges } = meteredJudge();
    await regradeRun({ store, run: runId, judges });
    expect(meter.peak).toBe(2);
    store.close();
  });

  it('stops starting samples at the budget; the rest keep their earlier verdicts', async () => {
    const { store, runId } = await storedRun(10);
    const { meter, judges } = meteredJudge();
    // Two calls a sample; scheduling stops once spent, plus samples in flight at an average sample's cost,
    // reaches the budget of 10 calls.
    const result = await regradeRun({
      store,
      run: runId,
      judges,
      concurrency: 1,
      maxCostUsd: 10 * perJudgeCall,
    });
    expect(result).toMatchObject({ total: 40, stopped: true, stopReason: 'budget' });
    expect(result.regraded).toBeGreaterThanOrEqual(3);
    expect(result.regraded).toBeLessThanOrEqual(5);
    expect(result.costUsd).toBeCloseTo(meter.answered * perJudgeCall, 10);
    const counts = versionCounts(store, runId);
    expect(counts.filter((n) => n === 2)).toHaveLength(result.regraded);
    expect(counts.filter((n) => n === 1)).toHaveLength(40 - result.regraded);
    store.close();
  });

  it("guesses a budget's first samples from those that start first: each transcript is read once, not twice", async () => {
    const { store, runId } = await storedRun(10);
    const { judges } = meteredJudge();
    let reads = 0;
    const getSample = store.getSample.bind(store);
    store.getSample = (id) => {
      reads++;
      return getSample(id);
    };
    const result = await regradeRun({ store, run: runId, judges, concurrency: 3, maxCostUsd: 1000 });
    expect(result).toMatchObject({ total: 40, regraded: 40, stopped: false });
    // 40 to grade, and the 6 (2 × concurrency) that start before any is judged, for the guess.
    expect(reads).toBe(46);
    store.close();
  });

  it('with continue, regrades only the samples a stopped regrade did not reach', async () => {
    const { store, runId } = await storedRun(10);
    const first = meteredJudge();
    const stopped = await regradeRun({
      store,
      run: runId,
      judges: first.judges,
      concurrency: 1,
      maxCostUsd: 10 * perJudgeCall,
    });
    expect(stopped.stopReason).toBe('budget');
    // Other judges would mix two panels in one version: refused, before any call.
    const before = versionCounts(store, runId);
    const mixed = regradeRun({
      store,
      run: runId,
      judges: resolveJudges(['sim/judge:agree']),
      continue: true,
    });
    await expect(mixed).rejects.toThrow(
      /--continue: verdict version 2 was graded by judges anthropic\/claude-sonnet-4-5; pass the same --judge \(now: sim\/judge:agree\)/,
    );
    expect(versionCounts(store, runId)).toEqual(before);
    const rest = meteredJudge();
    const resumed = await regradeRun({ store, run: runId, judges: rest.judges, continue: true });
    expect(resumed).toMatchObject({
      total: 40 - stopped.regraded,
      regraded: 40 - stopped.regraded,
      stopped: false,
    });
    // Two questions for each sample not reached before, none for the others.
    expect(rest.meter.answered).toBe(2 * (40 - stopped.regraded));
    expect(versionCounts(store, runId)).toEqual(Array(40).fill(2));
    // Every sample now has the newest verdict: nothing left to continue.
    const again = await regradeRun({ store, run: runId, judges: rest.judges, continue: true });
    expect(again).toMatchObject({ total: 0, regraded: 0, stopped: false });
    store.close();
  });

  it('a partial regrade is compared version to version, and the samples it did not reach are counted apart', async () => {
    const { store, runId } = await storedRun(5);
    const stopAfter = async (n: number) => {
      const stop = new AbortController();
      let done = 0;
      const onSample = () => {
        if (++done >= n) stop.abort();
      };
      return regradeRun({
        store,
        run: runId,
        judges: meteredJudge().judges,
        concurrency: 1,
        signal: stop.signal,
        onSample,
      });
    };
    await regradeRun({ store, run: runId, judges: meteredJudge().judges });
    // All 20 have version 2; a second regrade stops after about 5: those have version 3, the rest do not.
    const second = await stopAfter(5);
    expect(second.stopped).toBe(true);
    const { versions } = summarizeVerdicts(store, runId);
    expect(versions).toMatchObject({ from: 2, to: 3, behind: 20 - second.regraded });
    // Only the samples with both versions 2 and 3 are compared: none of version 1 against version 2.
    expect(versions?.final.n).toBe(second.regraded);
    store.close();
  });

  it('on stop, finishes and stores the samples being graded', async () => {
    const { store, runId } = await storedRun(5);
    const { judges } = meteredJudge(5);
    const stop = new AbortController();
    const options: RegradeOptions = {
      store,
      run: runId,
      judges,
      concurrency: 2,
      signal: stop.signal,
      onSample: () => stop.abort(),
    };
    const result = await regradeRun(options);
    expect(result).toMatchObject({ total: 20, stopped: true, stopReason: 'signal', graderErrors: 0 });
    // Stopped at the first sample stored: the others then being graded (2 × concurrency began) were finished.
    expect(result.regraded).toBeGreaterThan(1);
    expect(result.regraded).toBeLessThanOrEqual(4);
    expect(versionCounts(store, runId).filter((n) => n === 2)).toHaveLength(result.regraded);
    store.close();
  });

  it('on abort, stores no verdict for the samples whose judges were cut short', async () => {
    const { store, runId } = await storedRun(5);
    const { judges } = meteredJudge(40);
    const abort = new AbortController();
    // Each sample's two calls take 80 ms on 2 slots: 20 samples would take about 800 ms.
    setTimeout(() => abort.abort(), 300);
    const result = await regradeRun({ store, run: runId, judges, concurrency: 2, abortSignal: abort.signal });
    expect(result).toMatchObject({ stopped: true, stopReason: 'abort', graderErrors: 0 });
    expect(result.regraded).toBeGreaterThan(0);
    expect(result.regraded).toBeLessThan(20);
    // Every new version is a judged one: the abort never shows as a judge's error.
    for (const sample of store.samplesOf(runId, { status: 'completed' })) {
      const versions = store.getSample(sample.id)!.verdicts;
      if (versions.length === 1) continue;
      const { judge } = versions[1]!.verdict;
      expect(judge.status === 'run' && judge.value).not.toBe('grader_error');
    }
    expect(versionCounts(store, runId).filter((n) => n === 2)).toHaveLength(result.regraded);
    store.close();
  });
});
