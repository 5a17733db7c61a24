import { logChoose } from './log-gamma.ts';

/**
 * A seeded uniform generator on [0, 1): mulberry32 (Tommy Ettinger, public domain), 32 bits of
 * state. Not for cryptography; enough for reproducible bootstrap resampling.
 *
 * @example
 * const random = seededRandom(42);
 * random(); // the same number on every machine
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One exact draw from Binomial(n, p) using `random`: inversion by chop-down search from the mode
 * (Kemp 1986, "A modal method for generating binomial variables", Commun Stat Theory Methods 15:805),
 * about one uniform and O(√(np(1 − p))) steps per draw.
 */
export function drawBinomial(n: number, p: number, random: () => number): number {
  return binomialSampler(n, p)(random);
}

/** A sampler for Binomial(n, p) with the modal probability computed once, for many draws of one cell. */
export function binomialSampler(n: number, p: number): (random: () => number) => number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (n === 0 || p <= 0) return () => 0;
  if (p >= 1) return () => n;
  const ratio = p / (1 - p);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const atMode = Math.exp(logChoose(n, mode) + mode * Math.log(p) + (n - mode) * Math.log1p(-p));
  return (random) => {
    let u = random() - atMode;
    if (u <= 0) return mode;
    let low = mode;
    let high = mode;
    let pLow = atMode;
    let pHigh = atMode;
    // Walk outwards from the mode, alternating sides, until the uniform is used up.
    while (low > 0 || high < n) {
      if (low > 0) {
        pLow *= low / (n - low + 1) / ratio;
        low--;
        u -= pLow;
        if (u <= 0) return low;
      }
      if (high < n) {
        pHigh *= ((n - high) / (high + 1)) * ratio;
        high++;
        u -= pHigh;
        if (u <= 0) return high;
      }
    }
    return mode; // rounding left a sliver of probability unassigned
  };
}
