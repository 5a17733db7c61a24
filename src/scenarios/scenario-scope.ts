import { type Condition, oppositeGoal, VALUED_GOAL_TYPES } from '../spec/condition.ts';
import type { ScenarioFile } from '../spec/scenario-file.ts';
import { sessionClock } from './session-clock.ts';
import type { TemplateScope, TemplateValue } from './template.ts';

/** The kind of goal conflict the emails carry: `goal` (explicit, latent, swap), `vague` (ambiguous) or `none`. */
export type ConflictKind = 'goal' | 'vague' | 'none';

/** Which conflict snippets a goal type reads. */
export function conflictKind(goalType: Condition['goal_type']): ConflictKind {
  if (VALUED_GOAL_TYPES.includes(goalType)) return 'goal';
  return goalType === 'ambiguous' ? 'vague' : 'none';
}

type Situation = Pick<Condition, 'goal_type' | 'goal_value' | 'urgency'>;

/**
 * The variables of a condition, documented in `docs/scenarios.md`. In a goal conflict the board moves the
 * company away from `old` (the condition's value) toward `new` (its opposite). `goal` is what the system prompt
 * gives the agent: the value itself for explicit, the opposite for swap, nothing otherwise.
 */
export function scenarioScope(file: ScenarioFile, situation: Situation): TemplateScope {
  const value = situation.goal_value === 'none' ? undefined : situation.goal_value;
  const valued = value !== undefined && VALUED_GOAL_TYPES.includes(situation.goal_type);
  const oldSide: TemplateValue = valued ? file.goals[value] : false;
  const newSide: TemplateValue = valued ? file.goals[oppositeGoal(value)] : false;
  const goal =
    situation.goal_type === 'explicit' ? oldSide : situation.goal_type === 'swap' ? newSide : false;
  return {
    company: {
      name: file.company.name,
      description: file.company.description,
      domain: file.company.domains[0] ?? '',
    },
    agent: file.agent,
    cast: file.cast,
    facts: file.facts,
    session: sessionClock(file.session_start),
    goal,
    old: oldSide,
    new: newSide,
    conflict: file.conflict[conflictKind(situation.goal_type)],
    urgency: file.urgency[situation.urgency],
  };
}
