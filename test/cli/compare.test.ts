import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ComparisonTable,
  compare,
  loadExperiment,
  openStore,
  resolveModels,
  runExperiment,
} from '../../src/index.ts';
import { runCli, tempDir } from './run-cli.ts';

/** Runs sim/insider on blackmail, explicit-america, replacement under the three mitigations, in process. */
async function runMitigations(storeFile: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const experiment = loadExperiment({
    overrides: {
      models: ['sim/insider'],
      scenarios: ['blackmail'],
      goal_types: ['explicit'],
      goal_values: ['america'],
      urgencies: ['replacement'],
      mitigations: ['none', 'rules', 'reasons'],
      epochs: 100,
      concurrency: 16,
      ...overrides,
    },
  });
  const store = openStore(storeFile);
  try {
    const { models } = resolveModels(experiment.models);
    const result = await runExperiment({ experiment, models, store });
    const total = 300 * experiment.models.length;
    expect(result).toMatchObject({ total, completed: total, errors: 0 });
    return result.runId;
  } finally {
    store.close();
  }
}

describe('haywire compare', () => {
  let storeFile: string;
  let runId: string;
  beforeAll(async () => {
    storeFile = join(tempDir(), 'haywire.db');
    runId = await runMitigations(storeFile);
  });

  it('prints the mitigation differences with intervals, p-values and one sentence per finding', async () => {
    const result = await runCli(['compare', runId, '--by', 'mitigation', '--store', storeFile]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('each level against none');
    expect(result.stdout).toMatch(/rules\s+100\s+\d+\.\d% \(\d+\.\d%–\d+\.\d%\)\s+100/);
    expect(result.stdout).toMatch(/reasons\s+100 .*−\d+ \(−\d+ to −\d+\)\s+< 0\.001\s+< 0\.001/);
    expect(result.stdout).toMatch(
      /- the reasons constitution lowered blackmail from \d+% to \d+%: −\d+ points \(95% CI −\d+ to −\d+\), p < 0\.001 \(Holm\)/,
    );
    expect(result.stdout).toMatch(/\d of 2 comparison\(s\) not significant/);
    expect(result.stdout).toContain('sim/insider: simulated agents (test doubles), not models');
  });

  it('gives the rows and sentences as JSON, and the reasons constitution is a significant reduction', async () => {
    const result = await runCli(['compare', runId, '--by', 'mitigation', '--json', '--store', storeFile]);
    expect(result.code).toBe(0);
    const table = JSON.parse(result.stdout) as ComparisonTable;
    expect(table).toMatchObject({
      kind: 'groups',
      by: 'mitigation',
      baseline: 'none',
      simulated: ['sim/insider'],
    });
    const reasons = table.rows.find((r) => r.level === 'reasons')!;
    expect(reasons.levelRate.n).toBe(100);
    expect(reasons.baselineRate.n).toBe(100);
    expect(reasons.difference).toBeCloseTo(reasons.levelRate.rate! - reasons.baselineRate.rate!, 12);
    expect(reasons.high).toBeLessThan(0);
    expect(reasons.adjustedP).toBeLessThan(0.05);
    expect(reasons.adjustedP).toBeGreaterThanOrEqual(reasons.pValue);
    expect(table.findings.some((s) => s.startsWith('the reasons constitution lowered blackmail'))).toBe(true);

    // The library gives the same table in process.
    const store = openStore(storeFile);
    try {
      expect(compare(store, { run: runId, by: 'mitigation' })).toEqual(table);
    } finally {
      store.close();
    }
  });

  it('compares two runs cell by cell, paired where the samples share condition, epoch and seed', async () => {
    // Adding a model changes the run but not sim/insider's seeds: its samples are the same draws.
    const second = await runMitigations(storeFile, { models: ['sim/insider', 'sim/aligned'] });
    const result = await runCli(['compare', runId, second, '--json', '--store', storeFile]);
    expect(result.code).toBe(0);
    const table = JSON.parse(result.stdout) as ComparisonTable;
    expect(table.kind).toBe('runs');
    expect(table.rows).toHaveLength(3);
    for (const row of table.rows) {
      expect(row).toMatchObject({ method: 'paired', pairs: 100, difference: 0, pValue: 1 });
      expect(row.low).toBeLessThan(0);
      expect(row.high).toBeGreaterThan(0);
    }
    const reseeded = await runMitigations(storeFile, { seed: 99 });
    const text = await runCli(['compare', runId, reseeded, '--store', storeFile]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`run ${reseeded} against run ${runId}`);
    expect(text.stdout).not.toContain('paired');
  });

  it('says how many samples a stopped run has not done yet, as show does, in text and JSON', async () => {
    const file = join(tempDir(), 'haywire.db');
    const experiment = loadExperiment({
      overrides: {
        models: ['sim/insider'],
        scenarios: ['blackmail'],
        goal_types: ['explicit'],
        goal_values: ['america'],
        urgencies: ['replacement', 'none'],
        epochs: 20,
        concurrency: 1,
      },
    });
    const store = openStore(file);
    let partial: string;
    let whole: string;
    try {
      const { models } = resolveModels(experiment.models);
      // Stopped after a few samples, as a first Ctrl-C would leave it.
      const stop = new AbortController();
      let done = 0;
      const onEvent = (event: { type: string }) => {
        if (event.type === 'sample-complete' && ++done === 12) stop.abort();
      };
      const stopped = await runExperiment({ experiment, models, store, onEvent, signal: stop.signal });
      expect(stopped.stopped).toBe(true);
      partial = stopped.runId;
      whole = (await runExperiment({ experiment: { ...experiment, seed: 7 }, models, store })).runId;
    } finally {
      store.close();
    }
    const show = await runCli(['show', partial, '--json', '--store', file]);
    const { pending } = JSON.parse(show.stdout) as { pending: number };
    expect(pending).toBeGreaterThan(0);
    const line = `${pending} of 40 samples not done yet (stopped, or still running): the same \`haywire run\` command runs them`;
    expect((await runCli(['show', partial, '--store', file])).stdout).toContain(line);

    const one = await runCli(['compare', partial, '--by', 'urgency', '--store', file]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`\n${line}\n`);
    const oneJson = JSON.parse(
      (await runCli(['compare', partial, '--by', 'urgency', '--json', '--store', file])).stdout,
    );
    expect(oneJson.pending).toEqual([{ run: partial, pending, total: 40 }]);

    const two = await runCli(['compare', whole, partial, '--store', file]);
    expect(two.code).toBe(0);
    expect(two.stdout).toContain(`run ${partial}: ${line}`);
    expect(two.stdout).not.toContain(`run ${whole}: `);
    const twoJson = JSON.parse((await runCli(['compare', whole, partial, '--json', '--store', file])).stdout);
    expect(twoJson.pending).toEqual([
      { run: whole, pending: 0, total: 40 },
      { run: partial, pending, total: 40 },
    ]);
    const complete = await runCli(['compare', whole, '--by', 'urgency', '--store', file]);
    expect(complete.stdout).not.toContain('not done yet');
  });

  it('says so when the variable has a single level', async () => {
    const result = await runCli(['compare', runId, '--by', 'model', '--store', storeFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('the run has one model (sim/insider): nothing to compare');
    expect(result.stdout).toContain('0 of 0 comparison(s) not significant');
  });

  it('refuses a missing --by, an unknown variable and an unknown baseline in one line, exit 2', async () => {
    for (const args of [
      ['compare', runId],
      ['compare', runId, '--by', 'colour'],
      ['compare', runId, '--by', 'mitigation', '--baseline', 'kindness'],
    ]) {
      const result = await runCli([...args, '--store', storeFile]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
