import * as haywire from 'haywire';
import { describe, expect, it } from 'vitest';

describe('the public API, imported by package name', () => {
  it('names the entry points a library user needs', () => {
    for (const name of [
      'loadExperiment',
      'planRun',
      'runExperiment',
      'resolveModels',
      'openStore',
      'rateRows',
      'gradeCase',
      'renderScenario',
      'allConditions',
      'wilsonInterval',
      'ConfigError',
    ]) {
      expect(typeof (haywire as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('runs a small experiment end to end into an in-memory store', async () => {
    const experiment = haywire.loadExperiment({ overrides: { models: ['sim/random:1'], epochs: 2 } });
    const { models } = haywire.resolveModels(experiment.models);
    const store = haywire.openStore(':memory:');
    const result = await haywire.runExperiment({ experiment, models, store });
    expect(result).toMatchObject({ total: 8, completed: 8, errors: 0, stopped: false });
    const rows = haywire.rateRows(store, result.runId);
    expect(rows.map((r) => r.rate)).toEqual([1, 1, 1, 1]);
    store.close();
  });
});
