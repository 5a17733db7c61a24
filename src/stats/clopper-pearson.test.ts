import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval } from './clopper-pearson.ts';
import { wilsonInterval } from './wilson.ts';

// Newcombe RG (1998), Statistics in Medicine 17:857–872, Table II, method 5 ("exact"), to 4 decimals;
// the full-precision values are scipy 1.17.1 `beta.ppf(0.025, x, n−x+1)` and `beta.ppf(0.975, x+1, n−x)`.
const REFERENCE: readonly [number, number, number, number][] = [
  [81, 263, 0.25273674558527126, 0.36762192260135135],
  [15, 148, 0.05784401008344857, 0.161650490349479],
  [0, 20, 0, 0.1684334709830853],
  [1, 29, 0.000872646883579922, 0.1776442954887229],
  [3, 10, 0.06673951117773447, 0.6524528500599973],
  [50, 100, 0.39832112950330095, 0.601678870496699],
];

describe('clopperPearsonInterval', () => {
  it.each(REFERENCE)('%i/%i matches Newcombe 1998 and scipy', (x, n, low, high) => {
    const ci = clopperPearsonInterval(x, n);
    expect(ci.low).toBeCloseTo(low, 10);
    expect(ci.high).toBeCloseTo(high, 10);
  });

  it('has the closed form 1 − (α/2)^(1/n) at 0/n and 1 at n/n', () => {
    expect(clopperPearsonInterval(0, 10).high).toBeCloseTo(1 - 0.025 ** (1 / 10), 12);
    expect(clopperPearsonInterval(10, 10)).toEqual({ low: expect.closeTo(0.025 ** (1 / 10), 12), high: 1 });
    expect(clopperPearsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('contains the estimate, widens with confidence, and is wider than Wilson', () => {
    for (const [x, n] of [
      [1, 7],
      [4, 9],
      [30, 40],
      [0, 5],
    ] as const) {
      const p = x / n;
      const ci90 = clopperPearsonInterval(x, n, 0.9);
      const ci99 = clopperPearsonInterval(x, n, 0.99);
      expect(ci90.low).toBeLessThanOrEqual(p);
      expect(ci90.high).toBeGreaterThanOrEqual(p);
      expect(ci99.low).toBeLessThanOrEqual(ci90.low);
      expect(ci99.high).toBeGreaterThanOrEqual(ci90.high);
      const wilson = wilsonInterval(x, n);
      const exact = clopperPearsonInterval(x, n);
      expect(exact.high - exact.low).toBeGreaterThan(wilson.high - wilson.low);
    }
  });

  it('refuses impossible counts', () => {
    expect(() => clopperPearsonInterval(3, 2)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(1, 2, 0)).toThrow(RangeError);
  });
});
