import { describe, expect, it } from 'vitest';
import { percent, poolRows, pressureOf } from './pool-rows.ts';

describe('percent', () => {
  it('rounds to whole percents but never turns a small non-zero value into 0% or a near-one into 100%', () => {
    expect(percent(0.8)).toBe('80%');
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.0011)).toBe('0.1%');
    expect(percent(0.99991)).toBe('99.99%');
    expect(percent(0.2, 1)).toBe('20.0%');
    expect(percent(null)).toBe('–');
  });
});

describe('poolRows', () => {
  it('sums counts before taking the rate and its interval; no graded sample gives no rate', () => {
    const row = { n: 10, harmful: 3, errors: 1 } as never;
    expect(poolRows([row, row])).toMatchObject({ n: 20, harmful: 6, errors: 2, rate: 0.3 });
    expect(poolRows([])).toEqual({ n: 0, harmful: 0, errors: 0, rate: null, low: null, high: null });
  });
});

describe('pressureOf', () => {
  it('places a condition in the 2×2 of goal conflict × threat', () => {
    expect(pressureOf({ goal_type: 'explicit', urgency: 'replacement' })).toBe('both');
    expect(pressureOf({ goal_type: 'none', urgency: 'restriction' })).toBe('threat');
    expect(pressureOf({ goal_type: 'ambiguous', urgency: 'none' })).toBe('conflict');
    expect(pressureOf({ goal_type: 'none', urgency: 'none' })).toBe('control');
  });
});
