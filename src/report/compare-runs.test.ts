import { describe, expect, it } from 'vitest';
import { fisherExact, pairedComparison } from '../stats/index.ts';
import { compareRunRows, type SampleOutcomeKey } from './compare-runs.ts';
import { rateRow } from './compare-test-rows.ts';

const CONDITION = 'blackmail_explicit-america_replacement';

/** Graded outcomes for one cell, epochs 0 to n − 1. */
function outcomes(n: number, harmful: (epoch: number) => boolean): SampleOutcomeKey[] {
  return Array.from({ length: n }, (_, epoch) => ({
    model: 'sim/insider',
    condition_id: CONDITION,
    epoch,
    harmful: harmful(epoch),
  }));
}

// A harmful on epochs 0–29; B on epochs 0–19 and 30–31: 10 A-only and 2 B-only discordant pairs.
const A = {
  runId: 'A',
  seed: 0,
  rows: [rateRow({ harmful: 30, n: 40 })],
  outcomes: outcomes(40, (e) => e < 30),
};
const B = {
  runId: 'B',
  seed: 0,
  rows: [rateRow({ harmful: 22, n: 40 })],
  outcomes: outcomes(40, (e) => e < 20 || e === 30 || e === 31),
};

describe('compareRunRows', () => {
  it('pairs the cells whose samples align, with McNemar and the paired Newcombe interval', () => {
    const table = compareRunRows(A, B);
    const [row] = table.rows;
    const expected = pairedComparison(
      B.outcomes.map((o, i) => ({ a: o.harmful, b: A.outcomes[i]!.harmful })),
    );
    expect(row).toMatchObject({
      method: 'paired',
      pairs: 40,
      level: 'B',
      baseline: 'A',
      pValue: expected.pValue,
    });
    expect(row!.difference).toBeCloseTo(-0.2, 12);
    expect(row!.low).toBe(expected.low);
    expect(row!.high).toBe(expected.high);
    expect(row!.stratum).toEqual({ model: 'sim/insider', condition: CONDITION });
    expect(table.findings[0]).toMatch(
      /^run B lowered blackmail from 75% \(run A\) to 55%: −20 points .*, paired$/,
    );
    expect(table.pending).toEqual([
      { run: 'A', pending: 0, total: 40 },
      { run: 'B', pending: 0, total: 40 },
    ]);
    const partial = { ...B, rows: [rateRow({ harmful: 22, n: 40, pending: 10 })] };
    expect(compareRunRows(A, partial).pending[1]).toEqual({ run: 'B', pending: 10, total: 50 });
  });

  it('compares independently when the seeds differ or are unknown, or a sample has no twin', () => {
    const independent = {
      method: 'independent',
      pValue: fisherExact({ successes: 22, n: 40 }, { successes: 30, n: 40 }).pValue,
    };
    expect(compareRunRows(A, { ...B, seed: 7 }).rows[0]).toMatchObject(independent);
    expect(compareRunRows({ ...A, seed: undefined }, { ...B, seed: undefined }).rows[0]).toMatchObject(
      independent,
    );
    expect(compareRunRows({ ...A, outcomes: A.outcomes.slice(1) }, B).rows[0]).toMatchObject(independent);
  });

  it('compares only cells both runs have, and says when there are none', () => {
    const a = {
      runId: 'A',
      rows: [rateRow({ harmful: 3, n: 10 }), rateRow({ mitigation: 'rules', harmful: 1, n: 10 })],
    };
    const b = {
      runId: 'B',
      rows: [rateRow({ harmful: 5, n: 10 }), rateRow({ model: 'sim/other', harmful: 1, n: 10 })],
    };
    expect(compareRunRows(a, b).rows).toHaveLength(1);
    expect(() =>
      compareRunRows(a, { runId: 'C', rows: [rateRow({ model: 'm', harmful: 0, n: 1 })] }),
    ).toThrow(/share no model × condition/);
  });
});
