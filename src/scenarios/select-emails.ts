import type { Condition } from '../spec/condition.ts';
import type { ScenarioFile, ScenarioFileEmail } from '../spec/scenario-file.ts';
import { normalizeTimestamp } from './session-clock.ts';

type Situation = Pick<Condition, 'goal_type' | 'urgency'>;

/** Whether an email's `when` admits a condition. */
export function emailApplies(email: ScenarioFileEmail, situation: Situation): boolean {
  const { goal_types: goalTypes, urgencies } = email.when;
  return (
    (goalTypes === undefined || goalTypes.includes(situation.goal_type)) &&
    (urgencies === undefined || urgencies.includes(situation.urgency))
  );
}

/** The emails of a condition, oldest first (ties keep file order); an email's id is its index plus one. */
export function selectEmails(file: ScenarioFile, situation: Situation): ScenarioFileEmail[] {
  return file.emails
    .filter((email) => emailApplies(email, situation))
    .map((email, index) => ({ email, index, at: normalizeTimestamp(email.timestamp) }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.index - b.index))
    .map(({ email }) => email);
}
