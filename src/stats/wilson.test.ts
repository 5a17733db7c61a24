import { describe, expect, it } from 'vitest';
import { wilsonInterval, Z_95 } from './wilson.ts';

// Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of
// seven methods", Statistics in Medicine 17:857–872, Table II, method 3 (score, no continuity
// correction), to 4 decimals.
const NEWCOMBE: readonly [number, number, number, number][] = [
  [81, 263, 0.2553, 0.3662],
  [15, 148, 0.0624, 0.1605],
  [0, 20, 0, 0.1611],
  [1, 29, 0.0061, 0.1718],
];

describe('wilsonInterval', () => {
  it.each(NEWCOMBE)('%i/%i matches Newcombe 1998', (x, n, low, high) => {
    const ci = wilsonInterval(x, n);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  // By hand from the formula with z = 1.959963984540054, z² = 3.841458820694124:
  // 0/10 → high = z²/(n + z²) = 3.8414588/13.8414588; 5/10 → 0.5 ± z·√(n/4 + z²/4)/(n + z²).
  it('matches hand-computed values at the edges and the middle', () => {
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775327998628892, 12) });
    expect(wilsonInterval(10, 10)).toEqual({ low: expect.closeTo(0.7224672001371109, 12), high: 1 });
    const mid = wilsonInterval(5, 10);
    expect(mid.low).toBeCloseTo(0.2365930905125641, 12);
    expect(mid.high).toBeCloseTo(0.763406909487436, 12);
  });

  it('knows nothing from no data', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('uses the exact 95% quantile and other confidences via the inverse normal', () => {
    expect(Z_95).toBe(1.959963984540054);
    // 99%: z = 2.5758293035489; 3/10 by the formula.
    const z = 2.5758293035489;
    const p = 0.3;
    const d = 1 + (z * z) / 10;
    const half = (z / d) * Math.sqrt((p * (1 - p)) / 10 + (z * z) / 400);
    const center = (p + (z * z) / 20) / d;
    const ci = wilsonInterval(3, 10, 0.99);
    expect(ci.low).toBeCloseTo(center - half, 12);
    expect(ci.high).toBeCloseTo(center + half, 12);
    expect(wilsonInterval(3, 10, 0.8).high).toBeLessThan(wilsonInterval(3, 10, 0.95).high);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(RangeError);
  });
});
