import { inverseNormal } from './inverse-normal.ts';

/** The two-sided 95% normal quantile, Φ⁻¹(0.975), to double precision. */
export const Z_95 = 1.959963984540054;

/** A confidence interval for a proportion, both ends within [0, 1]. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; method 3 of Newcombe 1998).
 * Unlike the normal ("Wald") interval it stays inside [0, 1] and behaves at 0/n and n/n,
 * which is where misalignment rates often sit. With n = 0 nothing is known: [0, 1].
 *
 * @example
 * wilsonInterval(81, 263); // { low: 0.2553, high: 0.3662 } (rounded)
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be an integer in [0, ${n}], got ${successes}`);
  }
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (n === 0) return { low: 0, high: 1 };

  const z = confidence === 0.95 ? Z_95 : inverseNormal(0.5 + confidence / 2);
  const z2 = z * z;
  const p = successes / n;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At the edges the exact bound is 0 or 1; rounding would otherwise leave ±1e-17.
  return {
    low: successes === 0 ? 0 : Math.max(0, center - half),
    high: successes === n ? 1 : Math.min(1, center + half),
  };
}
