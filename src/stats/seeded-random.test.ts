import { describe, expect, it } from 'vitest';
import { logChoose } from './log-gamma.ts';
import { binomialSampler, drawBinomial, seededRandom } from './seeded-random.ts';

describe('seededRandom', () => {
  it('is reproducible per seed and looks uniform on [0, 1)', () => {
    const a = seededRandom(123);
    const b = seededRandom(123);
    const values = Array.from({ length: 20_000 }, () => a());
    expect(values.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(seededRandom(124)()).not.toBe(values[0]);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // Each tenth holds about 2,000 values; 5 standard deviations is about 212.
    const tenths = new Array<number>(10).fill(0);
    for (const v of values) tenths[Math.floor(v * 10)]!++;
    for (const count of tenths) expect(Math.abs(count - 2000)).toBeLessThan(212);
  });
});

describe('drawBinomial', () => {
  it('matches the exact Binomial(12, 0.3) probabilities', () => {
    const random = seededRandom(5);
    const draws = 60_000;
    const counts = new Array<number>(13).fill(0);
    const sample = binomialSampler(12, 0.3);
    for (let i = 0; i < draws; i++) counts[sample(random)]!++;
    let chiSquare = 0;
    counts.forEach((observed, k) => {
      const expected = draws * Math.exp(logChoose(12, k) + k * Math.log(0.3) + (12 - k) * Math.log(0.7));
      chiSquare += (observed - expected) ** 2 / expected;
    });
    // 12 degrees of freedom: the 99.9th percentile of χ² is 32.9 (scipy `chi2.ppf(0.999, 12)`).
    expect(chiSquare).toBeLessThan(32.9);
  });

  it.each([
    [100_000, 0.5],
    [5_000, 0.001],
    [2_000, 0.999],
    [40, 0.11],
  ])('has the binomial mean and variance for n = %i, p = %d', (n, p) => {
    const random = seededRandom(11);
    const values = Array.from({ length: 4000 }, () => drawBinomial(n, p, random));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
    const sd = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(values.length));
    expect(variance / (sd * sd)).toBeGreaterThan(0.85);
    expect(variance / (sd * sd)).toBeLessThan(1.15);
    for (const v of values) expect(Number.isInteger(v) && v >= 0 && v <= n).toBe(true);
  });

  it('is exact at the edges', () => {
    const random = seededRandom(1);
    expect(drawBinomial(10, 0, random)).toBe(0);
    expect(drawBinomial(10, 1, random)).toBe(10);
    expect(drawBinomial(0, 0.5, random)).toBe(0);
  });
});
