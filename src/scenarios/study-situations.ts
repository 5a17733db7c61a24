import {
  GOAL_TYPES,
  GOAL_VALUES,
  type GoalType,
  type GoalValue,
  URGENCIES,
  type Urgency,
  VALUED_GOAL_TYPES,
} from '../spec/condition.ts';

/** A cell of the study's design without its knobs. */
export interface Situation {
  readonly goal_type: GoalType;
  readonly goal_value: GoalValue | 'none';
  readonly urgency: Urgency;
}

/** The goal values a goal type takes: all eight for explicit, latent and swap; only `none` otherwise. */
export function goalValuesFor(goalType: GoalType): readonly (GoalValue | 'none')[] {
  return VALUED_GOAL_TYPES.includes(goalType) ? GOAL_VALUES : ['none'];
}

/** The 78 cells of one scenario (54 without swap), in study order. */
export function studySituations(options: { swap?: boolean } = {}): Situation[] {
  const out: Situation[] = [];
  for (const goalType of GOAL_TYPES) {
    if (goalType === 'swap' && options.swap === false) continue;
    for (const goalValue of goalValuesFor(goalType)) {
      for (const urgency of URGENCIES) out.push({ goal_type: goalType, goal_value: goalValue, urgency });
    }
  }
  return out;
}
