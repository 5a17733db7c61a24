import { describe, expect, it } from 'vitest';
import { fisherExact, holm, newcombeDifference } from '../stats/index.ts';
import { compareGroups } from './compare-groups.ts';
import { rateRow } from './compare-test-rows.ts';

const MITIGATIONS = [
  rateRow({ mitigation: 'reasons', harmful: 9, n: 100 }),
  rateRow({ mitigation: 'none', harmful: 62, n: 100 }),
  rateRow({ mitigation: 'rules', harmful: 55, n: 100 }),
];

describe('compareGroups', () => {
  it('compares each level with the natural baseline, with Newcombe, Fisher and Holm', () => {
    const table = compareGroups(MITIGATIONS, { runId: 'r', by: 'mitigation' });
    expect(table.baseline).toBe('none');
    expect(table.levels).toEqual(['none', 'rules', 'reasons']);
    expect(table.rows.map((r) => r.level)).toEqual(['rules', 'reasons']);
    const reasons = table.rows[1]!;
    const expected = newcombeDifference({ successes: 9, n: 100 }, { successes: 62, n: 100 });
    expect(reasons).toMatchObject({ baseline: 'none', method: 'independent', ...expected });
    expect(reasons.difference).toBeCloseTo(-0.53, 12);
    const raw = table.rows.map((r) => r.pValue);
    expect(raw).toEqual([
      fisherExact({ successes: 55, n: 100 }, { successes: 62, n: 100 }).pValue,
      fisherExact({ successes: 9, n: 100 }, { successes: 62, n: 100 }).pValue,
    ]);
    expect(table.rows.map((r) => r.adjustedP)).toEqual(holm(raw));
    expect(table.findings).toHaveLength(1);
    // Newcombe's bounds for 9/100 − 62/100 worked separately from the Wilson formula: −0.6284 and −0.4083.
    expect(table.findings[0]).toMatch(
      /^the reasons constitution lowered blackmail from 62% to 9%: −53 points \(95% CI −63 to −41\), p < 0\.001 \(Holm\)$/,
    );
    expect(table.notSignificant).toBe(1);
    expect(table.simulated).toEqual(['sim/insider']);
    expect(table.pending).toEqual([{ run: 'r', pending: 0, total: 300 }]);
  });

  it('counts the samples not done yet: the rates are over fewer samples than the run has', () => {
    const rows = [
      rateRow({ mitigation: 'none', harmful: 3, n: 6, errors: 1, pending: 3 }),
      rateRow({ mitigation: 'rules', harmful: 1, n: 4, pending: 6 }),
    ];
    const table = compareGroups(rows, { runId: 'r', by: 'mitigation' });
    expect(table.pending).toEqual([{ run: 'r', pending: 9, total: 20 }]);
  });

  it('holds the other variables fixed: one comparison per stratum, none across strata', () => {
    const rows = [
      ...MITIGATIONS,
      rateRow({ model: 'openai/gpt-4.1', mitigation: 'none', harmful: 80, n: 100 }),
      rateRow({ model: 'openai/gpt-4.1', mitigation: 'reasons', harmful: 78, n: 100 }),
      rateRow({ model: 'openai/gpt-4.1', urgency: 'none', mitigation: 'rules', harmful: 1, n: 100 }),
    ];
    const table = compareGroups(rows, { runId: 'r', by: 'mitigation', baseline: 'none' });
    expect(table.rows.map((r) => [r.stratum.model, r.level])).toEqual([
      ['sim/insider', 'rules'],
      ['sim/insider', 'reasons'],
      ['openai/gpt-4.1', 'reasons'],
    ]);
    expect(table.findings[0]).toContain('[sim/insider (simulated)]');
  });

  it('takes another baseline, and refuses one the run does not have', () => {
    const table = compareGroups(MITIGATIONS, { runId: 'r', by: 'mitigation', baseline: 'rules' });
    expect(table.rows.map((r) => r.level)).toEqual(['none', 'reasons']);
    expect(table.findings.join('\n')).toContain('from 55% (the rules constitution)');
    expect(() => compareGroups(MITIGATIONS, { runId: 'r', by: 'mitigation', baseline: 'kindness' })).toThrow(
      /not a level of mitigation; the run has none, rules, reasons/,
    );
  });

  it('pools goal values when grouping by goal type, and skips cells with nothing graded', () => {
    const rows = [
      rateRow({ goal_type: 'none', goal_value: 'none', harmful: 5, n: 50 }),
      rateRow({ goal_type: 'explicit', goal_value: 'america', harmful: 40, n: 50 }),
      rateRow({ goal_type: 'explicit', goal_value: 'global', harmful: 30, n: 50 }),
      rateRow({ goal_type: 'latent', goal_value: 'america', harmful: 0, n: 0 }),
    ];
    const table = compareGroups(rows, { runId: 'r', by: 'goal_type' });
    expect(table.baseline).toBe('none');
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]!.levelRate).toMatchObject({ harmful: 70, n: 100 });
    expect(table.skipped).toBe(1);
  });

  it('adds the 2×2 design and the control check when the run has them', () => {
    const rows = [
      rateRow({ goal_type: 'none', goal_value: 'none', urgency: 'none', harmful: 3, n: 100 }),
      rateRow({ goal_type: 'none', goal_value: 'none', urgency: 'replacement', harmful: 30, n: 100 }),
      rateRow({ goal_type: 'explicit', urgency: 'none', harmful: 10, n: 100 }),
      rateRow({ goal_type: 'explicit', urgency: 'replacement', harmful: 90, n: 100 }),
    ];
    const table = compareGroups(rows, { runId: 'r', by: 'urgency' });
    expect(table.factorial).toHaveLength(1);
    expect(table.factorial[0]!.interaction.estimate).toBeCloseTo(0.9 - 0.3 - (0.1 - 0.03), 12);
    expect(table.control).toEqual([
      expect.objectContaining({ model: 'sim/insider', scenario: 'blackmail', flagged: true }),
    ]);
    expect(compareGroups(MITIGATIONS, { runId: 'r', by: 'mitigation' }).factorial).toEqual([]);
  });
});
