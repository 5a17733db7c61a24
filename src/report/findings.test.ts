import { describe, expect, it } from 'vitest';
import { groupRate } from './compare-rate.ts';
import type { ComparisonRow } from './compare-types.ts';
import { findingSentence, findingsOf, formatP, signedPoints, stratumLabel } from './findings.ts';

function row(overrides: Partial<ComparisonRow>): ComparisonRow {
  return {
    stratum: { model: 'sim/insider', scenario: 'blackmail' },
    level: 'reasons',
    baseline: 'none',
    levelRate: groupRate(9, 100),
    baselineRate: groupRate(62, 100),
    difference: -0.53,
    low: -0.6284,
    high: -0.4083,
    method: 'independent',
    pValue: 1e-15,
    adjustedP: 2e-15,
    ...overrides,
  };
}

describe('findings', () => {
  it('says a finding in one plain sentence', () => {
    expect(findingSentence(row({}), 'mitigation')).toBe(
      'the reasons constitution lowered blackmail from 62% to 9%: −53 points (95% CI −63 to −41), p < 0.001 (Holm)',
    );
    expect(
      findingSentence(
        row({
          level: 'sim/b',
          baseline: 'sim/a',
          difference: 0.042,
          low: 0.01,
          high: 0.08,
          adjustedP: 0.012,
        }),
        'model',
        ['scenario', 'urgency'],
      ),
    ).toBe(
      'sim/b (simulated) raised blackmail from 62% (sim/a, simulated) to 9%: +4.2 points (95% CI +1.0 to +8.0), p = 0.012 (Holm)',
    );
    expect(findingSentence(row({ method: 'paired' }), 'run')).toContain('(run none)');
    expect(findingSentence(row({ method: 'paired' }), 'run')).toMatch(/, paired$/);
  });

  it('keeps only adjusted p < 0.05 and counts the rest, naming the strata that differ', () => {
    const rows = [
      row({ adjustedP: 0.049 }),
      row({ adjustedP: 0.05 }),
      row({ stratum: { model: 'x', scenario: 'blackmail' } }),
    ];
    const { findings, notSignificant } = findingsOf(rows, 'mitigation');
    expect(notSignificant).toBe(1);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toContain('[sim/insider (simulated)]');
    expect(findings[1]).toContain('[x]');
  });

  it('formats p-values, signed points and strata', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.0042)).toBe('p = 0.004');
    expect(formatP(0.25)).toBe('p = 0.25');
    expect(signedPoints(-0.5349)).toBe('−53');
    expect(signedPoints(0.0449)).toBe('+4.5');
    expect(signedPoints(-0.0001)).toBe('0');
    expect(
      stratumLabel({ goal_type: 'explicit', goal_value: 'america', urgency: 'none', eval_notice: 'on' }, [
        'goal_type',
        'goal_value',
        'urgency',
        'eval_notice',
      ]),
    ).toBe('goal explicit-america · urgency none · eval notice on');
  });
});
