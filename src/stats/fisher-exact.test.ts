import { describe, expect, it } from 'vitest';
import { fisherExact } from './fisher-exact.ts';

describe('fisherExact', () => {
  // Fisher's lady tasting tea, as in Agresti, Categorical Data Analysis (2002) §3.5.1: p = 0.4857
  // (= 34/70, the tables with probability ≤ 16/70).
  it("reproduces the tea-tasting example's p = 34/70", () => {
    expect(fisherExact({ successes: 3, n: 4 }, { successes: 1, n: 4 }).pValue).toBeCloseTo(34 / 70, 12);
  });

  // scipy 1.17.1 `scipy.stats.fisher_exact(table).pvalue`, which uses the same rule as R.
  it.each([
    [1, 10, 11, 14, 0.0027594561852200836],
    [7, 34, 1, 34, 0.054400130495065674],
    [62, 100, 9, 100, 1.2290123282002679e-15],
  ])('%i/%i vs %i/%i matches scipy', (x1, n1, x2, n2, p) => {
    const result = fisherExact({ successes: x1, n: n1 }, { successes: x2, n: n2 }).pValue;
    expect(result).toBeCloseTo(p, 12);
    expect(Math.abs(result - p) / p).toBeLessThan(1e-9);
  });

  it('gives 1 for identical proportions and for empty groups, and is symmetric', () => {
    expect(fisherExact({ successes: 5, n: 10 }, { successes: 5, n: 10 }).pValue).toBeCloseTo(1, 12);
    expect(fisherExact({ successes: 0, n: 0 }, { successes: 3, n: 9 }).pValue).toBe(1);
    const ab = fisherExact({ successes: 2, n: 13 }, { successes: 9, n: 12 }).pValue;
    expect(fisherExact({ successes: 9, n: 12 }, { successes: 2, n: 13 }).pValue).toBeCloseTo(ab, 14);
  });
});
