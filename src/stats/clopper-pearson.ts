import { type Counts, checkConfidence, checkCounts } from './check-counts.ts';
import { betaQuantile } from './regularized-beta.ts';
import type { Interval } from './wilson.ts';

/**
 * The Clopper-Pearson "exact" interval for a binomial proportion (Clopper & Pearson 1934,
 * Biometrika 26:404): the ends are Beta quantiles, low = B⁻¹(α/2; x, n−x+1) and
 * high = B⁻¹(1−α/2; x+1, n−x). Conservative: coverage is at least the nominal level.
 * With n = 0 nothing is known: [0, 1].
 *
 * @example
 * clopperPearsonInterval(3, 10); // { low: 0.0667, high: 0.6525 } (rounded)
 */
export function clopperPearsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  checkCounts(successes, n);
  checkConfidence(confidence);
  if (n === 0) return { low: 0, high: 1 };
  const alpha = 1 - confidence;
  return {
    low: successes === 0 ? 0 : betaQuantile(alpha / 2, successes, n - successes + 1),
    high: successes === n ? 1 : betaQuantile(1 - alpha / 2, successes + 1, n - successes),
  };
}

export type { Counts };
