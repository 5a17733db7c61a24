import { describe, expect, it } from 'vitest';
import { mcnemarExact } from './mcnemar-exact.ts';
import { type Pair, pairedComparison } from './paired-comparison.ts';

/** Pairs from the cells of a paired 2×2 table: both, A only, B only, neither. */
function pairsOf(both: number, aOnly: number, bOnly: number, neither: number): Pair[] {
  const make = (count: number, a: boolean, b: boolean) => Array.from({ length: count }, () => ({ a, b }));
  return [
    ...make(both, true, true),
    ...make(aOnly, true, false),
    ...make(bOnly, false, true),
    ...make(neither, false, false),
  ];
}

describe('pairedComparison', () => {
  // Fagerland, Lydersen & Laake, Statistical Analysis of Contingency Tables (2017), ch. 8, the Cavo et al.
  // (2012) table [[59, 6], [16, 80]]: Newcombe square-and-add estimate −0.0621, 95% CI −0.1186 to −0.0046
  // (also the expected output in the authors' R package `contingencytables`, tests/testthat/test-ch8.R).
  // McNemar exact p: scipy 1.17.1 `binomtest(6, 22).pvalue` = 0.052478790283203125.
  it('matches the Cavo et al. example', () => {
    const result = pairedComparison(pairsOf(59, 6, 16, 80));
    expect(result).toMatchObject({ n: 161, aOnly: 6, bOnly: 16 });
    expect(result.difference).toBeCloseTo(-10 / 161, 12);
    expect(result.low).toBeCloseTo(-0.1186, 4);
    expect(result.high).toBeCloseTo(-0.0046, 4);
    expect(result.pValue).toBeCloseTo(0.052478790283203125, 12);
  });

  it('is narrower than the independent interval when outcomes agree within pairs', () => {
    const paired = pairedComparison(pairsOf(40, 10, 0, 50));
    expect(paired.difference).toBeCloseTo(0.1, 12);
    // Independent Newcombe for 50/100 vs 40/100 spans about 0.27; pairing removes most of the noise.
    expect(paired.high - paired.low).toBeLessThan(0.2);
    expect(paired.low).toBeGreaterThan(0);
  });

  it('contains the estimate and widens with confidence', () => {
    const tables: [number, number, number, number][] = [
      [5, 3, 9, 20],
      [0, 4, 0, 6],
      [10, 0, 0, 0],
      [2, 7, 1, 1],
    ];
    for (const cells of tables) {
      const pairs = pairsOf(...cells);
      const narrow = pairedComparison(pairs, 0.8);
      const wide = pairedComparison(pairs, 0.99);
      expect(narrow.low).toBeLessThanOrEqual(narrow.difference);
      expect(narrow.high).toBeGreaterThanOrEqual(narrow.difference);
      expect(wide.low).toBeLessThanOrEqual(narrow.low);
      expect(wide.high).toBeGreaterThanOrEqual(narrow.high);
    }
  });

  it('has no evidence when nothing is discordant, and nothing at all with no pairs', () => {
    const same = pairedComparison(pairsOf(3, 0, 0, 7));
    expect(same.difference).toBe(0);
    expect(same.pValue).toBe(1);
    expect(same.low).toBeLessThanOrEqual(0);
    expect(same.high).toBeGreaterThanOrEqual(0);
    expect(pairedComparison([])).toEqual({
      n: 0,
      aOnly: 0,
      bOnly: 0,
      difference: 0,
      low: -1,
      high: 1,
      pValue: 1,
    });
  });
});

// scipy 1.17.1 `binomtest(k, n).pvalue`: (0, 5) → 0.0625 = 2/32; (3, 12) → 0.14599609375 = 598/4096.
describe('mcnemarExact', () => {
  it('is the two-sided binomial test on the discordant pairs', () => {
    expect(mcnemarExact(0, 5)).toBeCloseTo(0.0625, 14);
    expect(mcnemarExact(5, 0)).toBeCloseTo(0.0625, 14);
    expect(mcnemarExact(3, 9)).toBeCloseTo(0.14599609375, 13);
    expect(mcnemarExact(4, 4)).toBe(1);
  });
});
