import { describe, expect, it } from 'vitest';
import { newcombeDifference } from './newcombe-difference.ts';

// Newcombe RG (1998), "Interval estimation for the difference between independent proportions:
// comparison of eleven methods", Statistics in Medicine 17:873–890, Table II, method 10, to 4 decimals.
// Example (e), 0/10 − 0/20, also follows by hand: the Wilson upper bounds of 0/20 and 0/10.
const TABLE_II: readonly [string, number, number, number, number, number, number][] = [
  ['(a)', 56, 70, 48, 80, 0.0524, 0.3339],
  ['(b)', 9, 10, 3, 10, 0.1705, 0.809],
  ['(c)', 6, 7, 2, 7, 0.0582, 0.8062],
  ['(d)', 5, 56, 0, 29, -0.0381, 0.1926],
  ['(e)', 0, 10, 0, 20, -0.1611, 0.2775],
  ['(f)', 0, 10, 0, 10, -0.2775, 0.2775],
  ['(g)', 10, 10, 0, 20, 0.6791, 1],
  ['(h)', 10, 10, 0, 10, 0.6075, 1],
];

describe('newcombeDifference', () => {
  it.each(TABLE_II)('example %s %i/%i − %i/%i matches Table II', (_, x1, n1, x2, n2, low, high) => {
    const d = newcombeDifference({ successes: x1, n: n1 }, { successes: x2, n: n2 });
    expect(d.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
  });

  it('is antisymmetric: swapping the groups negates the difference and mirrors the interval', () => {
    const ab = newcombeDifference({ successes: 12, n: 40 }, { successes: 3, n: 35 });
    const ba = newcombeDifference({ successes: 3, n: 35 }, { successes: 12, n: 40 });
    expect(ba.difference).toBeCloseTo(-ab.difference, 14);
    expect(ba.low).toBeCloseTo(-ab.high, 14);
    expect(ba.high).toBeCloseTo(-ab.low, 14);
  });

  it('contains the estimate, stays in [−1, 1] and widens with confidence', () => {
    for (const [x1, n1, x2, n2] of [
      [1, 9, 8, 9],
      [0, 4, 4, 4],
      [50, 100, 50, 100],
      [3, 30, 1, 3],
    ] as const) {
      const a = { successes: x1, n: n1 };
      const b = { successes: x2, n: n2 };
      const d80 = newcombeDifference(a, b, 0.8);
      const d99 = newcombeDifference(a, b, 0.99);
      expect(d80.low).toBeLessThanOrEqual(d80.difference);
      expect(d80.high).toBeGreaterThanOrEqual(d80.difference);
      expect(d99.low).toBeLessThanOrEqual(d80.low);
      expect(d99.high).toBeGreaterThanOrEqual(d80.high);
      expect(d99.low).toBeGreaterThanOrEqual(-1);
      expect(d99.high).toBeLessThanOrEqual(1);
    }
  });
});
