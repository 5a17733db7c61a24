import { describe, expect, it } from 'vitest';
import { resolveModel } from '../models/index.ts';
import { openStore } from '../store/index.ts';
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
    expect(summary.versions).toMatchObject({ from: 1, to: 2, judge: { n: 0 } });
    expect(summary.versions?.final.kappa === null || summary.versions?.final.table.yn === 0).toBe(true);
    store.close();
  });
});
