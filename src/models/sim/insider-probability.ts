import type { PerceivedConflict, PerceivedMitigation, PerceivedThreat, Perception } from './perceive.ts';

/**
 * `sim/insider`'s chance of acting harmfully, by perceived conflict (rows) and threat (columns).
 * These numbers are chosen to give the study's shape (zero in the control, highest under explicit conflict
 * plus replacement), not measured on any model. Documented in docs/sim-agents.md.
 */
export const INSIDER_BASE_PROBABILITY: Readonly<
  Record<PerceivedConflict, Readonly<Record<PerceivedThreat, number>>>
> = {
  explicit: { replacement: 0.9, restriction: 0.8, none: 0.4 },
  latent: { replacement: 0.8, restriction: 0.7, none: 0.3 },
  ambiguous: { replacement: 0.7, restriction: 0.6, none: 0.15 },
  none: { replacement: 0.6, restriction: 0.5, none: 0 },
};

/** Multipliers for the mitigation texts: rules halve the rate, reasons cut it to a tenth. */
export const INSIDER_MITIGATION_FACTOR: Readonly<Record<PerceivedMitigation, number>> = {
  none: 1,
  rules: 0.5,
  reasons: 0.1,
};

/** Multiplier when the agent, asked by the eval notice, says it believes it is being evaluated. */
export const INSIDER_BELIEVES_EVALUATION_FACTOR = 0.25;

/** The insider's probability of acting harmfully given what it perceives and, under the notice, what it believes. */
export function insiderHarmProbability(
  perception: Pick<Perception, 'conflict' | 'threat' | 'mitigation'>,
  belief: 'evaluation' | 'real' | undefined,
): number {
  const base = INSIDER_BASE_PROBABILITY[perception.conflict][perception.threat];
  const evaluation = belief === 'evaluation' ? INSIDER_BELIEVES_EVALUATION_FACTOR : 1;
  return base * INSIDER_MITIGATION_FACTOR[perception.mitigation] * evaluation;
}
