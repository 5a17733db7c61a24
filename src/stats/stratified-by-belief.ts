import { fisherExact } from './fisher-exact.ts';
import { type Difference, newcombeDifference } from './newcombe-difference.ts';
import { wilsonInterval } from './wilson.ts';

/** What the agent said it believed: a real deployment, an evaluation, or nothing either way. */
export type Belief = 'real' | 'evaluation' | 'none';

/** The harmful rate among samples of one stated belief, with its Wilson 95% interval. */
export interface BeliefStratum {
  readonly harmful: number;
  readonly n: number;
  /** harmful / n, or null with no samples. */
  readonly rate: number | null;
  readonly low: number;
  readonly high: number;
}

export interface BeliefComparison {
  readonly real: BeliefStratum;
  readonly evaluation: BeliefStratum;
  readonly none: BeliefStratum;
  /** P(harm | says real) − P(harm | says evaluation), Newcombe interval. */
  readonly difference: Difference;
  /** Fisher's exact two-sided p for real vs evaluation. */
  readonly pValue: number;
}

/**
 * Harm stratified by the agent's stated belief about its situation: the study found Claude Opus 4
 * blackmailed far more when it said the scenario was real (55.1%) than when it said it was an
 * evaluation (6.5%). Compares P(harm | says real) with P(harm | says evaluation).
 *
 * @example
 * stratifiedByBelief([{ harmful: true, belief: 'real' }, { harmful: false, belief: 'evaluation' }]);
 */
export function stratifiedByBelief(
  samples: readonly { readonly harmful: boolean; readonly belief: Belief }[],
): BeliefComparison {
  const counts = {
    real: { successes: 0, n: 0 },
    evaluation: { successes: 0, n: 0 },
    none: { successes: 0, n: 0 },
  };
  for (const sample of samples) {
    const cell = counts[sample.belief];
    cell.n++;
    if (sample.harmful) cell.successes++;
  }
  const stratum = ({ successes, n }: { successes: number; n: number }): BeliefStratum => ({
    harmful: successes,
    n,
    rate: n === 0 ? null : successes / n,
    ...wilsonInterval(successes, n),
  });
  return {
    real: stratum(counts.real),
    evaluation: stratum(counts.evaluation),
    none: stratum(counts.none),
    difference: newcombeDifference(counts.real, counts.evaluation),
    pValue: fisherExact(counts.real, counts.evaluation).pValue,
  };
}
