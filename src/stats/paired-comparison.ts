import { checkConfidence } from './check-counts.ts';
import { mcnemarExact } from './mcnemar-exact.ts';
import { wilsonInterval } from './wilson.ts';

/** Two outcomes on the same unit: model A and model B on one condition, seed and epoch. */
export interface Pair {
  readonly a: boolean;
  readonly b: boolean;
}

/** A paired comparison: pA − pB with its interval, the discordant counts and McNemar's exact p. */
export interface PairedComparison {
  readonly n: number;
  /** Pairs where only A was harmful. */
  readonly aOnly: number;
  /** Pairs where only B was harmful. */
  readonly bOnly: number;
  readonly difference: number;
  readonly low: number;
  readonly high: number;
  readonly pValue: number;
}

/**
 * Compares two proportions measured on the same units. The interval is Newcombe's method 10 for
 * paired data (Newcombe 1998, Statistics in Medicine 17:2635–2650): Wilson intervals for both
 * marginals, squared and added with the correlation φ between them (φ shrunk towards 0 by n/2 when
 * positive, as Newcombe prescribes). The test is McNemar's exact (binomial) test on the discordant pairs.
 *
 * @example
 * pairedComparison([{ a: true, b: false }, { a: true, b: true }, { a: false, b: false }]);
 */
export function pairedComparison(pairs: readonly Pair[], confidence = 0.95): PairedComparison {
  checkConfidence(confidence);
  let both = 0;
  let aOnly = 0;
  let bOnly = 0;
  for (const pair of pairs) {
    if (pair.a && pair.b) both++;
    else if (pair.a) aOnly++;
    else if (pair.b) bOnly++;
  }
  const n = pairs.length;
  const neither = n - both - aOnly - bOnly;
  const pValue = mcnemarExact(aOnly, bOnly);
  if (n === 0) return { n, aOnly, bOnly, difference: 0, low: -1, high: 1, pValue };

  const pA = (both + aOnly) / n;
  const pB = (both + bOnly) / n;
  const ciA = wilsonInterval(both + aOnly, n, confidence);
  const ciB = wilsonInterval(both + bOnly, n, confidence);
  const phi = correlation(both, aOnly, bOnly, neither);
  const difference = pA - pB;
  const lowA = pA - ciA.low;
  const highA = ciA.high - pA;
  const lowB = pB - ciB.low;
  const highB = ciB.high - pB;
  const low = difference - Math.sqrt(Math.max(0, lowA ** 2 - 2 * phi * lowA * highB + highB ** 2));
  const high = difference + Math.sqrt(Math.max(0, highA ** 2 - 2 * phi * highA * lowB + lowB ** 2));
  return { n, aOnly, bOnly, difference, low: Math.max(-1, low), high: Math.min(1, high), pValue };
}

/** φ of the paired 2×2 table, with Newcombe's adjustment: positive values lose n/2, small ones become 0. */
function correlation(e: number, f: number, g: number, h: number): number {
  const n = e + f + g + h;
  const product = (e + f) * (g + h) * (e + g) * (f + h);
  if (product === 0) return 0;
  const cross = e * h - f * g;
  const adjusted = cross > n / 2 ? cross - n / 2 : Math.min(cross, 0);
  return adjusted / Math.sqrt(product);
}
