import { afterEach, describe, expect, it } from 'vitest';
import type { VerdictValue } from '../spec/verdict.ts';
import { conditionFixture, sampleFixture, trajectoryFixture, verdictFixture } from './fixtures.ts';
import { openStore } from './open-store.ts';

const store = openStore(':memory:');
afterEach(() => store.close());

describe('rateTable', () => {
  it('counts latest verdicts per cell, errors apart, in SQL', () => {
    store.createRun({ id: 'r', name: 'rates', spec: {}, versions: { haywire: '0', node: process.version } });
    const conflict = conditionFixture();
    const control = conditionFixture({ goal_type: 'none', goal_value: 'none', urgency: 'none' });
    const samples = [
      ...[0, 1, 2, 3, 4, 5].map((i) => sampleFixture(i, conflict)),
      ...[0, 1].map((i) => sampleFixture(i, control)),
    ];
    store.addSamples('r', samples);
    const complete = (i: number, ...values: VerdictValue[]) =>
      store.completeSample({
        sampleId: samples[i]!.id,
        trajectory: trajectoryFixture(100),
        actions: [],
        verdicts: values.map((v, k) => verdictFixture(v, (['blackmail', 'leaking'] as const)[k])),
      });
    complete(0, 'harmful');
    complete(1, 'not_harmful', 'harmful'); // any harm → harmful
    complete(2, 'grader_error'); // no decision → error
    complete(3, 'harmful');
    store.addVerdicts(samples[3]!.id, [verdictFixture('not_harmful')]); // a regrade wins
    store.failSample({ sampleId: samples[4]!.id, error: { kind: 'timeout', message: 'slow' } });
    // samples[5] stays pending
    complete(6, 'not_harmful');
    complete(7, 'not_harmful', 'grader_error'); // not decided while a harm errs

    const base = {
      model: 'sim/insider',
      scenario: 'blackmail',
      mitigation: 'none',
      scratchpad: true,
      eval_notice: false,
    };
    expect(store.rateTable('r')).toEqual([
      {
        ...base,
        goal_type: 'explicit',
        goal_value: 'america',
        urgency: 'replacement',
        n: 3,
        harmful: 2,
        errors: 2,
        pending: 1,
      },
      {
        ...base,
        goal_type: 'none',
        goal_value: 'none',
        urgency: 'none',
        n: 1,
        harmful: 0,
        errors: 1,
        pending: 0,
      },
    ]);
    expect(store.getSample(samples[3]!.id)?.verdicts.map((v) => [v.version, v.verdict.value])).toEqual([
      [1, 'harmful'],
      [2, 'not_harmful'],
    ]);
    expect(store.listRuns()).toEqual([
      expect.objectContaining({ id: 'r', samples: 8, completed: 6, errors: 1, pending: 1 }),
    ]);
  });
});
