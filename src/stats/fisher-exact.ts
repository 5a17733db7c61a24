import { type Counts, checkCounts } from './check-counts.ts';
import { logChoose } from './log-gamma.ts';

// R's fisher.test counts tables as "as or less likely" within this relative tolerance.
const RELATIVE_TOLERANCE = 1 + 1e-7;

/**
 * Fisher's exact test of two proportions (the 2×2 table [a.successes, a.n − a.successes;
 * b.successes, b.n − b.successes]), two-sided: the sum of the hypergeometric probabilities of
 * every table with the same margins that is no more likely than the observed one, as R's
 * `fisher.test` and scipy's `fisher_exact` compute it.
 *
 * @example
 * fisherExact({ successes: 3, n: 4 }, { successes: 1, n: 4 }); // { pValue: 0.4857 } (Fisher's tea)
 */
export function fisherExact(a: Counts, b: Counts): { readonly pValue: number } {
  checkCounts(a.successes, a.n);
  checkCounts(b.successes, b.n);
  const total = a.n + b.n;
  const column = a.successes + b.successes;
  const lowest = Math.max(0, a.n - (total - column));
  const highest = Math.min(column, a.n);
  const logDenominator = logChoose(total, a.n);
  const logProbability = (k: number) =>
    logChoose(column, k) + logChoose(total - column, a.n - k) - logDenominator;
  const observed = logProbability(a.successes);
  const threshold = observed + Math.log(RELATIVE_TOLERANCE);
  let pValue = 0;
  for (let k = lowest; k <= highest; k++) {
    const logP = logProbability(k);
    if (logP <= threshold) pValue += Math.exp(logP);
  }
  return { pValue: Math.min(1, pValue) };
}
