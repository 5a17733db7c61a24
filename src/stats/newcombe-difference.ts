import { type Counts, checkConfidence } from './check-counts.ts';
import { wilsonInterval } from './wilson.ts';

/** A difference of two proportions, pA − pB, with its confidence interval. */
export interface Difference {
  readonly difference: number;
  readonly low: number;
  readonly high: number;
}

/**
 * The difference of two independent proportions, pA − pB, with Newcombe's hybrid score interval
 * (Newcombe 1998, Statistics in Medicine 17:873–890, method 10): square-and-add of the distances
 * from each estimate to its Wilson bounds. Good coverage at small n and at 0% or 100%, unlike Wald.
 * An empty group makes the interval [−1, 1] around whatever the other group shows.
 *
 * @example
 * newcombeDifference({ successes: 56, n: 70 }, { successes: 48, n: 80 }); // 0.2, CI 0.0524 to 0.3339
 */
export function newcombeDifference(a: Counts, b: Counts, confidence = 0.95): Difference {
  checkConfidence(confidence);
  const ciA = wilsonInterval(a.successes, a.n, confidence);
  const ciB = wilsonInterval(b.successes, b.n, confidence);
  const pA = a.n === 0 ? 0.5 : a.successes / a.n;
  const pB = b.n === 0 ? 0.5 : b.successes / b.n;
  const difference = pA - pB;
  const low = difference - Math.hypot(pA - ciA.low, ciB.high - pB);
  const high = difference + Math.hypot(ciA.high - pA, pB - ciB.low);
  return { difference, low: Math.max(-1, low), high: Math.min(1, high) };
}
