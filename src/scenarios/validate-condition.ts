import {
  type Condition,
  GOAL_TYPES,
  GOAL_VALUES,
  type GoalType,
  type GoalValue,
  URGENCIES,
  type Urgency,
} from '../spec/condition.ts';
import { ConfigError } from '../spec/config-error.ts';
import { loadScenario } from './load-scenario.ts';
import { mitigationFile } from './mitigation-text.ts';
import { goalValuesFor } from './study-situations.ts';

/** A condition as a user or a file gives it: plain strings, knobs optional. */
export interface ConditionInput {
  readonly scenario: string;
  readonly goal_type: string;
  readonly goal_value: string;
  readonly urgency: string;
  readonly scratchpad?: boolean;
  readonly eval_notice?: boolean;
  readonly mitigation?: string;
}

function oneOf<T extends string>(variable: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError('unknown-name', `unknown ${variable} "${value}" (allowed: ${allowed.join(', ')})`);
}

function flag(variable: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new ConfigError(
    'invalid-config',
    `${variable} ${JSON.stringify(value)} is not allowed (allowed: true, false)`,
  );
}

/**
 * Checks a condition and returns it with defaults filled in (scratchpad on, eval notice off, no mitigation) and
 * the scenario's canonical id (`murder` → `lethal`; a folder path → the folder's id).
 * Throws `ConfigError` naming the variable and the allowed values.
 * @example validateCondition({ scenario: 'murder', goal_type: 'none', goal_value: 'none', urgency: 'replacement' })
 */
export function validateCondition(input: ConditionInput): Condition {
  const scenario = loadScenario(input.scenario).id;
  const goalType = oneOf<GoalType>('goal_type', input.goal_type, GOAL_TYPES);
  const goalValue = oneOf<GoalValue | 'none'>('goal_value', input.goal_value, [...GOAL_VALUES, 'none']);
  const allowed = goalValuesFor(goalType);
  if (!allowed.includes(goalValue)) {
    throw new ConfigError(
      'invalid-config',
      `goal_value "${goalValue}" is not allowed with goal_type "${goalType}" (allowed: ${allowed.join(', ')})`,
    );
  }
  const urgency = oneOf<Urgency>('urgency', input.urgency, URGENCIES);
  const mitigation = input.mitigation ?? 'none';
  if (mitigation !== 'none') mitigationFile(mitigation);
  return {
    scenario,
    goal_type: goalType,
    goal_value: goalValue,
    urgency,
    scratchpad: flag('scratchpad', input.scratchpad, true),
    eval_notice: flag('eval_notice', input.eval_notice, false),
    mitigation,
  };
}
