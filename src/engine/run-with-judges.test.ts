import { describe, expect, it } from 'vitest';
import { resolveModel } from '../models/index.ts';
import type { Model } from '../spec/index.ts';
import { openStore } from '../store/index.ts';
import { inFlightMeter, PRICED_JUDGE } from './in-flight-meter.fixture.ts';
import { loadExperiment } from './load-experiment.ts';
import { regradeRun } from './regrade-run.ts';
import { resolveJudges } from './resolve-judges.ts';
import { runExperiment } from './run-experiment.ts';
import { summarizeVerdicts, verdictRateRows } from './summarize-verdicts.ts';

describe('runExperiment with judges, then regradeRun', () => {
  it('stores judge panels, keeps earlier versions on regrade, and compares them', async () => {
    const experiment = loadExperiment({
      overrides: { models: ['sim/insider'], epochs: 2, scenarios: ['lethal'] },
    });
    const store = openStore(':memory:');
    const judges = resolveJudges(['sim/judge:agree']);
    const { runId } = await runExperiment({
      experiment,
      models: [resolveModel('sim/insider')],
      store,
      judges,
    });
    const [first] = store.samplesOf(runId, { status: 'completed' });
    const v1 = store.getSample(first!.id)!.verdicts;
    expect(v1).toHaveLength(1);
    expect(v1[0]!.verdict.judge.status).toBe('run');
    expect(v1[0]!.verdict.rule).toBe('detector-primary@1');

    const result = await regradeRun({ store, run: runId, judges: resolveJudges(['sim/judge:fails']) });
    expect(result.graderErrors).toBe(0); // the final value stays the detector's
    const versions = store.getSample(first!.id)!.verdicts;
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const latest = versions[1]!.verdict;
    expect(latest.judge.status === 'run' && latest.judge.value).toBe('grader_error');
    // The judge's failure shows in the judge and study modes as errors, never as not harmful.
    const judgeRows = verdictRateRows(store, runId, { mode: 'judge' });
    expect(judgeRows.every((r) => r.n === 0 && r.errors > 0)).toBe(true);
    const summary = summarizeVerdicts(store, runId);
    // The judge ran on every latest verdict and failed on each: counted as such, not as a judge not run.
    const samples = store.samplesOf(runId, { status: 'completed' }).length;
    expect(summary).toMatchObject({ judged: samples, judgeErrors: samples, detectorVsJudge: { n: 0 } });
    expect(summary.versions).toMatchObject({ from: 1, to: 2, judge: { n: 0 } });
    expect(summary.versions?.final.kappa === null || summary.versions?.final.table.yn === 0).toBe(true);
    store.close();
  });
});

describe('judges called through the engine', () => {
  const { id: judgeId, usage, perCall: perJudgeCall } = PRICED_JUDGE;
  const fast = { baseDelayMs: 1, maxDelayMs: 1 };

  it("share their provider's slots with its sampled models, are retried, and are priced into the run", async () => {
    const experiment = loadExperiment({
      overrides: { models: ['anthropic/claude-3-haiku'], epochs: 3, scenarios: ['lethal'], concurrency: 1 },
    });
    const store = openStore(':memory:');
    const { meter, wrap } = inFlightMeter();
    const agent = wrap(resolveModel('sim/insider'), { id: 'anthropic/claude-3-haiku' });
    const judge = wrap(resolveModel('sim/judge:agree'), { id: judgeId, usage, failFirst: 1 });
    const result = await runExperiment({
      experiment: { ...experiment, models: [agent.id] },
      models: [agent],
      store,
      judges: [{ id: judgeId, model: judge }],
      retry: fast,
      responseCache: false,
    });
    expect(result).toMatchObject({ completed: 12, errors: 0 });
    // Concurrency 1 on the provider: the agent's and the judge's calls never overlapped.
    expect(meter.peak).toBe(1);
    // The judge's first call failed with a 500 and was retried: every panel ran.
    for (const sample of store.samplesOf(result.runId, { status: 'completed' }))
      expect(store.getSample(sample.id)!.verdicts[0]!.verdict.judge.status).toBe('run');
    // The run's cost holds the judge's answered calls (the harm question and the reasoning question, per sample;
    // the failed one had no usage), beside the agent's own at haiku's price.
    const judgeCalls = meter.answered - 12;
    expect(judgeCalls).toBe(24);
    expect(result.costUsd).toBeGreaterThan(judgeCalls * perJudgeCall);
    store.close();
  });

  /** A run of sim/insider on the lethal scenario, graded by the priced judge (sim/judge:agree underneath). */
  async function runJudged(options: {
    epochs: number;
    concurrency: number;
    failFirst?: number;
    run?: Partial<Parameters<typeof runExperiment>[0]>;
  }) {
    const { epochs, concurrency } = options;
    const experiment = loadExperiment({
      overrides: { models: ['sim/insider'], epochs, scenarios: ['lethal'], concurrency },
    });
    const store = openStore(':memory:');
    const { meter, wrap } = inFlightMeter();
    const failFirst = options.failFirst === undefined ? {} : { failFirst: options.failFirst };
    const judge = wrap(resolveModel('sim/judge:agree'), { id: judgeId, usage, ...failFirst });
    const result = await runExperiment({
      experiment,
      models: [resolveModel('sim/insider')],
      store,
      judges: [{ id: judgeId, model: judge }],
      ...options.run,
    });
    return { store, meter, result };
  }

  it("are sent once by the engine, so a judge whose provider is down costs each question only the judge's 3 asks", async () => {
    const { store, meter, result } = await runJudged({
      epochs: 1,
      concurrency: 2,
      failFirst: Infinity,
      run: { retry: fast },
    });
    // 4 samples, 2 questions each, 3 asks each: no engine retries on top (8 attempts would make 64 calls).
    expect(meter.calls).toBe(4 * 2 * 3);
    expect(result).toMatchObject({ completed: 4, errors: 0, costUsd: 0 });
    for (const sample of store.samplesOf(result.runId, { status: 'completed' })) {
      const { verdict } = store.getSample(sample.id)!.verdicts[0]!;
      expect(verdict.judge.status === 'run' && verdict.judge.value).toBe('grader_error');
      // The final value stays the detector's.
      expect(['harmful', 'not_harmful']).toContain(verdict.value);
    }
    store.close();
  });

  it('count toward --max-cost, which stops scheduling on their spend alone', async () => {
    // The sim agent costs nothing: only the judge's spend (two calls a sample) can reach the budget of 10 calls.
    // Scheduling stops once spent, plus the two samples in flight at an average sample's cost, reaches it.
    const { store, meter, result } = await runJudged({
      epochs: 10,
      concurrency: 1,
      run: { maxCostUsd: 10 * perJudgeCall },
    });
    expect(result.stopReason).toBe('budget');
    expect(result.completed).toBeGreaterThanOrEqual(3);
    expect(result.completed).toBeLessThanOrEqual(5);
    expect(meter.answered).toBe(2 * result.completed);
    expect(result.costUsd).toBeCloseTo(meter.answered * perJudgeCall, 10);
    expect(store.listRuns()[0]).toMatchObject({ samples: 40, pending: 40 - result.completed });
    store.close();
  });

  it('leave a sample unstored when the run aborts while they grade it, and the next run grades it', async () => {
    const experiment = loadExperiment({
      overrides: { models: ['sim/insider'], epochs: 5, scenarios: ['lethal'], concurrency: 2 },
    });
    const store = openStore(':memory:');
    const slowJudge = delayedJudge(() => 40);
    const judges = [{ id: slowJudge.id, model: slowJudge }];
    const abort = new AbortController();
    // Each sample's two judge calls take 80 ms on the provider's 2 slots: 20 samples would take about 800 ms.
    setTimeout(() => abort.abort(), 300);
    const first = await runExperiment({
      experiment,
      models: [resolveModel('sim/insider')],
      store,
      judges,
      abortSignal: abort.signal,
    });
    expect(first).toMatchObject({ stopped: true, stopReason: 'abort', errors: 0 });
    expect(first.completed).toBeGreaterThan(0);
    expect(first.completed).toBeLessThan(20);
    // The judges' values of the stored samples that are not a decision (an error, or not run).
    const undecided = () =>
      store
        .samplesOf(first.runId, { status: 'completed' })
        .map((s) => store.getSample(s.id)!.verdicts[0]!.verdict.judge)
        .filter((judge) => judge.status !== 'run' || judge.value === 'grader_error');
    // Every sample stored was graded to the end: none carries the abort as a judge's error.
    expect(undecided()).toEqual([]);
    const second = await runExperiment({ experiment, models: [resolveModel('sim/insider')], store, judges });
    expect(second.completed).toBe(20 - first.completed);
    expect(store.listRuns()[0]).toMatchObject({ samples: 20, completed: 20, pending: 0 });
    expect(undecided()).toEqual([]);
    store.close();
  });

  it('keep what an aborted sample paid for: its cost in the run, its agent answer in the cache for the resume', async () => {
    const experiment = loadExperiment({
      overrides: {
        models: [PRICED_JUDGE.id],
        epochs: 5,
        scenarios: ['lethal'],
        concurrency: 2,
      },
    });
    const store = openStore(':memory:');
    // A priced, cacheable agent; its judge answers in 200 ms, so an abort at 300 ms catches samples mid-grading.
    let judgeMs = 200;
    const { meter, wrap } = inFlightMeter();
    const agent = wrap(resolveModel('sim/insider'), { id: PRICED_JUDGE.id, usage: PRICED_JUDGE.usage });
    const slowJudge = delayedJudge(() => judgeMs);
    const judges = [{ id: slowJudge.id, model: slowJudge }];
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const first = await runExperiment({
      experiment,
      models: [agent],
      store,
      judges,
      abortSignal: abort.signal,
    });
    judgeMs = 1;
    expect(first).toMatchObject({ stopped: true, stopReason: 'abort', errors: 0 });
    const answeredFirst = meter.answered;
    // Agents answered for samples that the abort left unstored: their spend is in the store all the same.
    expect(answeredFirst).toBeGreaterThan(first.completed);
    const abandoned = answeredFirst - first.completed;
    const stored = () => store.runCost(first.runId).reduce((sum, c) => sum + c.costUsd, 0);
    expect(first.costUsd).toBeCloseTo(answeredFirst * PRICED_JUDGE.perCall, 10);
    expect(stored()).toBeCloseTo(first.costUsd, 10);
    expect(store.listRuns()[0]).toMatchObject({ completed: first.completed, pending: 20 - first.completed });

    // The resume answers those samples' agent calls from the cache, and pays only for the rest.
    let cacheHits = 0;
    const second = await runExperiment({
      experiment,
      models: [agent],
      store,
      judges,
      onEvent: (event) => {
        if (event.type === 'sample-complete') cacheHits += event.cacheHits;
      },
    });
    expect(second.completed).toBe(20 - first.completed);
    expect(cacheHits).toBe(abandoned);
    expect(meter.answered - answeredFirst).toBe(20 - answeredFirst);
    expect(stored()).toBeCloseTo(20 * PRICED_JUDGE.perCall, 10);
    store.close();
  });
});

/** sim/judge:agree, answering after `delayMs()` milliseconds. */
function delayedJudge(delayMs: () => number): Model {
  return {
    id: 'sim/judge:agree',
    simulated: true,
    generate: async (request) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs()));
      return resolveModel('sim/judge:agree').generate(request);
    },
  };
}
