import { checkCounts } from './check-counts.ts';
import { percentile } from './percentile.ts';
import { binomialSampler, seededRandom } from './seeded-random.ts';

/** One cell of the goal-conflict × threat design; several cells with the same flags are pooled. */
export interface FactorialCell {
  readonly conflict: boolean;
  readonly threat: boolean;
  readonly successes: number;
  readonly n: number;
}

/** An effect on the risk-difference scale with its bootstrap percentile interval. */
export interface Effect {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface Factorial2x2 {
  /** Conflict's effect averaged over threat: ((p11 − p01) + (p10 − p00)) / 2. */
  readonly mainConflict: Effect;
  /** Threat's effect averaged over conflict: ((p11 − p10) + (p01 − p00)) / 2. */
  readonly mainThreat: Effect;
  /** How much threat changes conflict's effect: (p11 − p01) − (p10 − p00). */
  readonly interaction: Effect;
  /** Pooled counts per cell, keyed `conflict,threat` as `00`, `01`, `10`, `11`. */
  readonly cells: Readonly<Record<'00' | '01' | '10' | '11', { successes: number; n: number }>>;
}

export interface Factorial2x2Options {
  /** Bootstrap resamples (default 2,000). */
  readonly bootstrap?: number;
  /** PRNG seed, so the same data give the same interval (default 1). */
  readonly seed?: number;
  readonly confidence?: number;
}

const KEYS = ['00', '01', '10', '11'] as const;

/**
 * The study's 2×2 design, goal conflict × threat to the agent, on the risk-difference scale
 * (pCT: C = conflict, T = threat). Intervals are percentile bootstrap intervals (Efron &
 * Tibshirani 1993, ch. 13): each cell is resampled as Binomial(n, p̂), which is the
 * nonparametric bootstrap of its samples. Seeded, so results reproduce. Throws when a cell is empty.
 *
 * @example
 * factorial2x2([
 *   { conflict: false, threat: false, successes: 0, n: 100 },
 *   { conflict: false, threat: true, successes: 30, n: 100 },
 *   { conflict: true, threat: false, successes: 10, n: 100 },
 *   { conflict: true, threat: true, successes: 90, n: 100 },
 * ]).interaction.estimate; // (0.9 − 0.3) − (0.1 − 0) = 0.5
 */
export function factorial2x2(
  cells: readonly FactorialCell[],
  options: Factorial2x2Options = {},
): Factorial2x2 {
  const { bootstrap = 2000, seed = 1, confidence = 0.95 } = options;
  if (!Number.isInteger(bootstrap) || bootstrap < 1)
    throw new RangeError(`bootstrap must be ≥ 1, got ${bootstrap}`);
  const pooled = {
    '00': { successes: 0, n: 0 },
    '01': { successes: 0, n: 0 },
    '10': { successes: 0, n: 0 },
    '11': { successes: 0, n: 0 },
  };
  for (const cell of cells) {
    checkCounts(cell.successes, cell.n);
    const target = pooled[`${cell.conflict ? 1 : 0}${cell.threat ? 1 : 0}` as const];
    target.successes += cell.successes;
    target.n += cell.n;
  }
  for (const key of KEYS) {
    if (pooled[key].n === 0)
      throw new RangeError(`the 2×2 design needs data in every cell; cell ${key} is empty`);
  }
  const rates = KEYS.map((key) => pooled[key].successes / pooled[key].n) as Rates;
  const point = effects(rates);

  const random = seededRandom(seed);
  const samplers = KEYS.map((key, i) => binomialSampler(pooled[key].n, rates[i]!));
  const draws: [number[], number[], number[]] = [[], [], []];
  for (let b = 0; b < bootstrap; b++) {
    const resampled = KEYS.map((key, i) => samplers[i]!(random) / pooled[key].n) as Rates;
    const [c, t, x] = effects(resampled);
    draws[0].push(c);
    draws[1].push(t);
    draws[2].push(x);
  }
  const alpha = 1 - confidence;
  const [mainConflict, mainThreat, interaction] = draws.map((values, i) => {
    values.sort((x, y) => x - y);
    return {
      estimate: point[i]!,
      low: percentile(values, alpha / 2),
      high: percentile(values, 1 - alpha / 2),
    };
  }) as [Effect, Effect, Effect];
  return { mainConflict, mainThreat, interaction, cells: pooled };
}

type Rates = [p00: number, p01: number, p10: number, p11: number];

function effects([p00, p01, p10, p11]: Rates): [number, number, number] {
  return [(p11 - p01 + (p10 - p00)) / 2, (p11 - p10 + (p01 - p00)) / 2, p11 - p01 - (p10 - p00)];
}
