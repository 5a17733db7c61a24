import {
  BUILTIN_SCENARIOS,
  type Condition,
  conditionId,
  type GoalType,
  type GoalValue,
  type Urgency,
  VALUED_GOAL_TYPES,
} from '../spec/condition.ts';
import { ConfigError } from '../spec/config-error.ts';
import { studySituations } from './study-situations.ts';
import { validateCondition } from './validate-condition.ts';

/** The axes of an experiment, as in `experiment.yaml`. */
export interface ConditionAxes {
  readonly scenarios: readonly string[];
  readonly goal_types: readonly GoalType[];
  readonly goal_values: readonly GoalValue[];
  readonly urgencies: readonly Urgency[];
  readonly scratchpad: readonly boolean[];
  readonly eval_notice: readonly boolean[];
  readonly mitigations: readonly string[];
}

/**
 * Expands an experiment's axes into conditions, validated and deduplicated, ordered scenario → goal type →
 * goal value → urgency → scratchpad → eval notice → mitigation, each axis in the order given.
 * `none` and `ambiguous` take goal value `none` only; goal values are ignored when no listed goal type takes one.
 * @example listConditions({ scenarios: ['blackmail'], goal_types: ['explicit', 'none'], goal_values: ['america'],
 *   urgencies: ['replacement', 'none'], scratchpad: [true], eval_notice: [false], mitigations: ['none'] }).length // 4
 */
export function listConditions(axes: ConditionAxes): Condition[] {
  for (const name of [
    'scenarios',
    'goal_types',
    'urgencies',
    'scratchpad',
    'eval_notice',
    'mitigations',
  ] as const) {
    if (axes[name].length === 0)
      throw new ConfigError('invalid-config', `${name} must list at least one value`);
  }
  const valued = axes.goal_types.find((goalType) => VALUED_GOAL_TYPES.includes(goalType));
  if (valued !== undefined && axes.goal_values.length === 0) {
    throw new ConfigError(
      'invalid-config',
      `goal_values must list at least one value for goal_type "${valued}"`,
    );
  }
  const seen = new Set<string>();
  const out: Condition[] = [];
  for (const scenario of axes.scenarios) {
    for (const goalType of axes.goal_types) {
      const values: readonly string[] = VALUED_GOAL_TYPES.includes(goalType) ? axes.goal_values : ['none'];
      for (const goalValue of values) {
        for (const urgency of axes.urgencies) {
          for (const scratchpad of axes.scratchpad) {
            for (const evalNotice of axes.eval_notice) {
              for (const mitigation of axes.mitigations) {
                const condition = validateCondition({
                  scenario,
                  goal_type: goalType,
                  goal_value: goalValue,
                  urgency,
                  scratchpad,
                  eval_notice: evalNotice,
                  mitigation,
                });
                const id = conditionId(condition);
                if (seen.has(id)) continue;
                seen.add(id);
                out.push(condition);
              }
            }
          }
        }
      }
    }
  }
  return out;
}

/**
 * The study's conditions at the default knobs (scratchpad on, no eval notice, no mitigation):
 * 234 over the three built-in scenarios, or 162 with `{ swap: false }`.
 */
export function allConditions(options: { swap?: boolean } = {}): Condition[] {
  return BUILTIN_SCENARIOS.flatMap((scenario) =>
    studySituations(options).map((situation) => ({
      scenario,
      ...situation,
      scratchpad: true,
      eval_notice: false,
      mitigation: 'none',
    })),
  );
}
