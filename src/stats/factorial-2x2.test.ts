import { describe, expect, it } from 'vitest';
import { type FactorialCell, factorial2x2 } from './factorial-2x2.ts';

const cell = (conflict: boolean, threat: boolean, successes: number, n: number): FactorialCell => ({
  conflict,
  threat,
  successes,
  n,
});
const DESIGN = [
  cell(false, false, 0, 100),
  cell(false, true, 30, 100),
  cell(true, false, 10, 100),
  cell(true, true, 90, 100),
];

describe('factorial2x2', () => {
  // By hand: p00 = 0, p01 = 0.3, p10 = 0.1, p11 = 0.9.
  it('estimates main effects and interaction on the risk-difference scale', () => {
    const result = factorial2x2(DESIGN);
    expect(result.mainConflict.estimate).toBeCloseTo((0.9 - 0.3 + (0.1 - 0)) / 2, 12);
    expect(result.mainThreat.estimate).toBeCloseTo((0.9 - 0.1 + (0.3 - 0)) / 2, 12);
    expect(result.interaction.estimate).toBeCloseTo(0.9 - 0.3 - (0.1 - 0), 12);
  });

  it('gives bootstrap intervals that contain the estimate, near the normal-theory width', () => {
    const { interaction, mainConflict } = factorial2x2(DESIGN);
    // Var(interaction) = Σ p(1 − p)/n = (0 + 0.21 + 0.09 + 0.09)/100, so the 95% half-width ≈ 1.96 × 0.0624.
    const half = 1.96 * Math.sqrt(0.39 / 100);
    expect(interaction.low).toBeLessThan(0.5);
    expect(interaction.high).toBeGreaterThan(0.5);
    expect((interaction.high - interaction.low) / 2).toBeGreaterThan(half * 0.85);
    expect((interaction.high - interaction.low) / 2).toBeLessThan(half * 1.15);
    expect(mainConflict.low).toBeLessThan(mainConflict.estimate);
  });

  it('reproduces with the same seed, changes with another, and pools cells with the same flags', () => {
    expect(factorial2x2(DESIGN, { seed: 7 })).toEqual(factorial2x2(DESIGN, { seed: 7 }));
    expect(factorial2x2(DESIGN, { seed: 7 }).interaction.low).not.toBe(
      factorial2x2(DESIGN, { seed: 8 }).interaction.low,
    );
    const split = [...DESIGN.slice(0, 3), cell(true, true, 40, 50), cell(true, true, 50, 50)];
    expect(factorial2x2(split).interaction.estimate).toBeCloseTo(0.5, 12);
    expect(factorial2x2(split).cells['11']).toEqual({ successes: 90, n: 100 });
  });

  it('widens with confidence and refuses an empty cell', () => {
    const narrow = factorial2x2(DESIGN, { confidence: 0.8 }).mainThreat;
    const wide = factorial2x2(DESIGN, { confidence: 0.99 }).mainThreat;
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
    expect(() => factorial2x2(DESIGN.slice(1))).toThrow(/cell 00 is empty/);
  });
});
